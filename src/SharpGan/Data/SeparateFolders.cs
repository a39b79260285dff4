namespace SharpGan.Data;

/// <summary>
/// A tool that reads one folder and writes another never writes into what it reads: an output inside its input
/// would overwrite the pictures being read, or be read back as input by the next run of the tool, and an input
/// inside its output would be written over.
/// </summary>
public static class SeparateFolders
{
    /// <param name="tool">The command, for the message ("prepare").</param>
    /// <exception cref="DataException">The folders are one, or one lies inside the other.</exception>
    public static void Check(string input, string output, string tool)
    {
        string fullIn = Normal(input), fullOut = Normal(output);
        if (fullOut.StartsWith(fullIn, StringComparison.Ordinal) || fullIn.StartsWith(fullOut, StringComparison.Ordinal))
            throw new DataException($"output '{output}' must lie outside input '{input}' ({tool} never writes into its input)");
    }

    static string Normal(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
}
