namespace SharpGan.Data;

/// <summary>
/// Reads an input file only once it is known to be a regular file (or a link to one). A folder listing also yields
/// FIFOs, sockets, devices and dangling links; opening a FIFO blocks until someone writes to it, so such a file must be
/// turned away by its type, before anything opens it. Failures come back as one short reason for a report row.
/// </summary>
public static class InputFile
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file, or null when it is a regular file.</summary>
    public static string? Problem(string path) => Native.FileKind.Problem(path);

    /// <summary>The file's bytes.</summary>
    /// <exception cref="IOException">It is not a regular file (the message says what it is) or cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static byte[] ReadAllBytes(string path) =>
        Problem(path) is { } problem ? throw new IOException(problem) : File.ReadAllBytes(path);

    /// <summary>True for the exceptions reading an input file can end in; anything else is a bug.</summary>
    public static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>A failure to read (or decode) a file as a report reason: "permission denied" rather than .NET's sentence with the full path.</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file (removed while reading?)",
        _ => e.Message,
    };
}
