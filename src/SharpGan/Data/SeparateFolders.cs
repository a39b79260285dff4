namespace SharpGan.Data;

/// <summary>
/// A tool that reads one folder and writes another never writes into what it reads: an output inside its input
/// would overwrite the pictures being read, or be read back as input by the next run of the tool, and an input
/// inside its output would be written over. The folders are compared where they really are, symbolic links
/// followed: a link to the input is the input.
/// </summary>
public static class SeparateFolders
{
    /// <param name="tool">The command, for the message ("prepare").</param>
    /// <exception cref="DataException">The folders are one, or one lies inside the other.</exception>
    public static void Check(string input, string output, string tool)
    {
        if (Overlap(input, output))
            throw new DataException($"output '{output}' must lie outside input '{input}' ({tool} never writes into its input)");
    }

    /// <summary>One input picture and the file its output goes to: never the same file.</summary>
    /// <exception cref="DataException">The output would replace the input.</exception>
    public static void CheckFile(string input, string output, string tool)
    {
        if (RealPath(input) == RealPath(output))
            throw new DataException($"output '{output}' would replace the input '{input}' ({tool} never writes into its input)");
    }

    /// <summary>Whether the two folders are one, or one lies inside the other.</summary>
    public static bool Overlap(string a, string b) => Inside(a, b) || Inside(b, a);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool Inside(string path, string folder) => Normal(path).StartsWith(Normal(folder), StringComparison.Ordinal);

    static string Normal(string path) => Path.TrimEndingDirectorySeparator(RealPath(path)) + Path.DirectorySeparatorChar;

    /// <summary>
    /// The path with every symbolic link along it followed and every <c>..</c> taken where the links lead (as the
    /// system's <c>realpath</c>), for the part that exists; the rest, not made yet, appended as given.
    /// </summary>
    public static string RealPath(string path)
    {
        // Not Path.GetFullPath first: it drops "link/.." as text, where the system goes to the parent of the link's target.
        var existing = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var rest = new Stack<string>();
        while (!Path.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
        var real = Resolved(existing);
        return Path.GetFullPath(rest.Aggregate(real, Path.Combine));
    }

    static string Resolved(string existing)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && Native(existing) is { } real) return real;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        return Path.GetFullPath(existing);   // where there is no realpath (Windows): compared as written
    }

    static string? Native(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try { return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(resolved); }
        finally { free(resolved); }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern IntPtr realpath([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [System.Runtime.InteropServices.DllImport("libc")]
    static extern void free(IntPtr pointer);
}
