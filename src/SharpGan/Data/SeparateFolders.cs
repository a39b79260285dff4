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

    /// <summary>Whether the two folders are one, or one lies inside the other.</summary>
    public static bool Overlap(string a, string b) => Inside(a, b) || Inside(b, a);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool Inside(string path, string folder) => Normal(path).StartsWith(Normal(folder), StringComparison.Ordinal);

    static string Normal(string path) => Path.TrimEndingDirectorySeparator(RealPath(path)) + Path.DirectorySeparatorChar;

    /// <summary>The full path with every symbolic link along it followed; the parts that do not exist yet kept as given.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            real = entry.Exists && entry.LinkTarget is not null ? entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next : next;
        }
        return real;
    }
}
