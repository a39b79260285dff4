using SharpGan.Data;

namespace SharpGan.DataTools;

/// <summary>
/// The folder a data tool fills. It takes a new or empty folder, or one the same tool filled before — its report is
/// there and begins as the tool writes it (a user's own <c>pairs.csv</c> is not one) — so that running it again replaces
/// its own pictures and never someone's data: <c>data prepare raw/ data/flowers</c> would otherwise write resized
/// copies over the pictures of that name. A run lists each picture in its report as it writes it, and a run into the
/// tool's folder first removes what the last one listed, so no picture of an earlier run on other input (or of one
/// stopped by Ctrl+C) stays in what is meant to be a data set.
/// </summary>
public static class OutputFolder
{
    /// <summary>How much of a report is read to recognise it.</summary>
    const int Head = 512;

    /// <param name="reports">Where the tool leaves its report, relative to <paramref name="output"/>, and text its
    /// first lines hold; any one found marks the folder as the tool's.</param>
    /// <exception cref="DataException">The output is a file, or a folder with other contents.</exception>
    public static void Check(string output, string tool, params (string File, string Signature)[] reports)
    {
        if (File.Exists(output))
            throw new DataException($"output '{output}' is a file; give a folder");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !reports.Any(r => Holds(Path.Combine(output, r.File), r.Signature)))
            throw new DataException($"output folder '{output}' is not empty and holds no {reports[0].File} from an earlier {tool}; give a new or empty folder");
    }

    /// <summary>
    /// Removes the files the last run listed in <paramref name="report"/> (each row's <paramref name="outputs"/>,
    /// relative to <paramref name="folder"/>) and the report itself. Files the report does not name stay; nothing
    /// outside the folder is touched, whatever a report says.
    /// </summary>
    public static void ClearListed(string folder, string report, string signature, Func<string[], IEnumerable<string>> outputs)
    {
        var path = Path.Combine(folder, report);
        if (!Holds(path, signature)) return;
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
            foreach (var relative in outputs(CsvLine.Split(line)).Where(r => r.Length > 0))
                if (Path.Combine(folder, relative) is var file && SeparateFolders.Inside(file, folder) && File.Exists(file))
                    File.Delete(file);
        File.Delete(path);
    }

    /// <summary>Starts the report <paramref name="report"/> in <paramref name="folder"/> with its header, before the first
    /// picture is written, and appends each row as its picture is written; the tool rewrites the report in full when done.</summary>
    public static Listing Begin(string folder, string report, string header)
    {
        Directory.CreateDirectory(folder);
        var writer = new StreamWriter(Path.Combine(folder, report), append: false);
        writer.Write(header + "\n");
        writer.Flush();
        return new Listing(writer);
    }

    /// <summary>A report being written a row at a time, from any thread; each row is on disk when <see cref="Add"/> returns.</summary>
    public sealed class Listing : IDisposable
    {
        readonly StreamWriter writer;
        readonly Lock gate = new();

        internal Listing(StreamWriter writer) => this.writer = writer;

        public void Add(string row)
        {
            lock (gate)
            {
                writer.Write(row + "\n");
                writer.Flush();
            }
        }

        public void Dispose() => writer.Dispose();
    }

    static bool Holds(string report, string signature)
    {
        if (!File.Exists(report)) return false;
        using var reader = new StreamReader(report);
        var head = new char[Head];
        return new string(head, 0, reader.ReadBlock(head)).Contains(signature, StringComparison.Ordinal);
    }
}
