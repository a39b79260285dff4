using SharpGan.Data;

namespace SharpGan.DataTools;

/// <summary>
/// The folder a data tool fills: new, empty, or one the same tool filled before (its report is there), so that running
/// it again replaces its own pictures and never someone's data — <c>data prepare raw/ data/flowers</c> would otherwise
/// write resized copies over the pictures of that name.
/// </summary>
static class OutputFolder
{
    /// <param name="reports">Where the tool leaves its report, relative to <paramref name="output"/>; any one marks the
    /// folder as the tool's.</param>
    public static void Check(string output, string tool, params string[] reports)
    {
        if (File.Exists(output))
            throw new DataException($"output '{output}' is a file; give a folder");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !reports.Any(r => File.Exists(Path.Combine(output, r))))
            throw new DataException($"output folder '{output}' is not empty and holds no {reports[0]} from an earlier {tool}; give a new or empty folder");
    }
}
