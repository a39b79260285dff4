using SharpGan.Data;

namespace SharpGan.DataTools;

/// <summary>
/// The folder a data tool fills: new, empty, or one the same tool filled before, so that running it again replaces
/// its own pictures and never someone's data — <c>data prepare raw/ data/flowers</c> would otherwise write resized
/// copies over the pictures of that name. A folder is the tool's when its report is there and begins as the tool
/// writes it (a user's own <c>pairs.csv</c> is not one); each tool writes its report first, so an interrupted run's
/// folder is its own too.
/// </summary>
static class OutputFolder
{
    /// <summary>How much of a report is read to recognise it.</summary>
    const int Head = 512;

    /// <param name="reports">Where the tool leaves its report, relative to <paramref name="output"/>, and text its
    /// first lines hold; any one found marks the folder as the tool's.</param>
    public static void Check(string output, string tool, params (string File, string Signature)[] reports)
    {
        if (File.Exists(output))
            throw new DataException($"output '{output}' is a file; give a folder");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !reports.Any(r => Holds(Path.Combine(output, r.File), r.Signature)))
            throw new DataException($"output folder '{output}' is not empty and holds no {reports[0].File} from an earlier {tool}; give a new or empty folder");
    }

    /// <summary>
    /// Removes the files an earlier run of the tool listed in its report (each row's <paramref name="outputs"/>, relative
    /// to <paramref name="folder"/>), so that a run on other input leaves none of the old pictures in what is meant to be a
    /// data set. Files the report does not name stay.
    /// </summary>
    public static void ClearListed(string folder, string report, string signature, Func<string[], IEnumerable<string>> outputs)
    {
        var path = Path.Combine(folder, report);
        if (!Holds(path, signature)) return;
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
            foreach (var relative in outputs(CsvLine.Split(line)).Where(r => r.Length > 0))
                if (Path.Combine(folder, relative) is var file && SeparateFolders.Inside(file, folder) && File.Exists(file))   // never outside the folder, whatever a report says
                    File.Delete(file);
    }

    static bool Holds(string report, string signature)
    {
        if (!File.Exists(report)) return false;
        using var reader = new StreamReader(report);
        var head = new char[Head];
        return new string(head, 0, reader.ReadBlock(head)).Contains(signature, StringComparison.Ordinal);
    }
}
