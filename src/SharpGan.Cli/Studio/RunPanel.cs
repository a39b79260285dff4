using SharpGan.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SharpGan.Reporting;
using SharpGan.Training;

namespace SharpGan.Cli.Studio;

/// <summary>
/// What the page's run panel shows, read from the run folder on each request (a run may still be training): the
/// config's settings, metrics.csv's epochs and last losses, eval.csv's points, and the names of samples/epoch_*.png,
/// which are also the only run pictures the studio serves.
/// </summary>
sealed partial class RunPanel(string runFolder)
{
    const int MaxConfigEntries = 300, MaxEvalRows = 1000;

    [GeneratedRegex(@"^epoch_[0-9]{4,6}\.png$")]
    private static partial Regex SampleName();

    public object Read()
    {
        var metrics = Csv(Path.Combine(runFolder, "metrics.csv"));
        return new
        {
            config = ConfigSummary(),
            epochs = metrics.Count,
            lastLosses = metrics.LastOrDefault(),
            eval = Csv(Path.Combine(runFolder, EvalSink.FileName)).TakeLast(MaxEvalRows).ToList(),
            samples = SampleNames(),
        };
    }

    /// <summary>samples/epoch_NNNN.png as they are now, by name, in epoch order: regular files only, as the run writes
    /// them — a link would serve whatever it points at, and a FIFO would hold the request open for ever.</summary>
    public IReadOnlyList<string> SampleNames()
    {
        var folder = Path.Combine(runFolder, "samples");
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "epoch_*.png")
            .Where(path => SampleName().IsMatch(Path.GetFileName(path)) && new FileInfo(path).LinkTarget is null && InputFile.Problem(path) is null)
            .Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The bytes of a sample picture named exactly as one the folder lists; any other name (a path, an
    /// encoded dot-dot, another file of the run) is not found, because nothing from the request joins a path.</summary>
    public byte[] Sample(string name)
    {
        var listed = SampleNames().FirstOrDefault(n => n == name)
            ?? throw StudioError.NotFound($"no sample picture '{(name.Length <= 40 ? name : name[..40] + "…")}'; the run has {SampleNames().Count} (samples/epoch_NNNN.png)");
        return File.ReadAllBytes(Path.Combine(runFolder, "samples", listed));
    }

    /// <summary>The resolved config's scalar settings as "section.key": value (lists joined).</summary>
    Dictionary<string, string> ConfigSummary()
    {
        var path = Path.Combine(runFolder, RunFolder.ConfigFile);
        var summary = new Dictionary<string, string>();
        if (!File.Exists(path)) return summary;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Flatten(document.RootElement, "", summary);
        return summary;
    }

    static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        if (into.Count >= MaxConfigEntries) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var field in element.EnumerateObject())
                    Flatten(field.Value, prefix.Length == 0 ? field.Name : $"{prefix}.{field.Name}", into);
                break;
            case JsonValueKind.Array:
                into[prefix] = string.Join(", ", element.EnumerateArray().Select(e => e.ToString()));
                break;
            case JsonValueKind.Null:
                break;
            default:
                into[prefix] = element.ToString();
                break;
        }
    }

    /// <summary>A CSV of SharpGan's sinks (a header, then numbers or plain words; no quoted commas) as rows of
    /// column → number or text.</summary>
    static List<Dictionary<string, object>> Csv(string path)
    {
        if (!File.Exists(path)) return [];
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2) return [];
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, object>();
            for (int i = 0; i < header.Length && i < cells.Length; i++)
                row[header[i]] = double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : cells[i];
            return row;
        }).ToList();
    }
}
