using System.Globalization;
using SharpGan.Data;

namespace SharpGan.TaskEvaluation;

/// <summary>Held-out pairs whose inputs carry a similar amount of ink (edge or mask pixels), and G's L1 on them.</summary>
public sealed record InkBand(string Name, double MinInk, double MaxInk, int Pairs, double MeanL1);

/// <summary>
/// The anime-face report saw pix2pix draw poorly from inputs with few edges. This splits held-out pairs into thirds by the ink
/// share <c>sharpgan data pairs</c> wrote to pairs.csv (sparse, medium, dense) and gives G's mean L1 per third.
/// </summary>
public static class InkBands
{
    /// <param name="pairsCsv">The rows <c>file,kind,ink</c> of <c>sharpgan data pairs</c>; files relative to its folder.</param>
    /// <param name="scores">Per-pair L1, files relative to the same folder (A/ or B/ prefix ignored).</param>
    /// <exception cref="DataException">A scored pair has no row.</exception>
    public static IReadOnlyList<InkBand> Of(string pairsCsv, IReadOnlyList<string> lines, IReadOnlyList<PairScore> scores)
    {
        var ink = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = CsvLine.Split(line);
            ink[Key(fields[0])] = double.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        var rows = scores.Select(s => (Ink: ink.TryGetValue(Key(s.File), out var v) ? v
                : throw new DataException($"{pairsCsv}: no row for held-out pair '{s.File}'"), s.L1))
            .OrderBy(r => r.Ink).ToList();
        string[] names = ["sparse", "medium", "dense"];
        return Enumerable.Range(0, 3).Select(band =>
        {
            var part = rows.Skip(band * rows.Count / 3).Take((band + 1) * rows.Count / 3 - band * rows.Count / 3).ToList();
            return part.Count == 0 ? null : new InkBand(names[band], part[0].Ink, part[^1].Ink, part.Count, part.Average(r => r.L1));
        }).OfType<InkBand>().ToList();
    }

    /// <summary>The relative path without extension and without an A/ or B/ prefix: pairs.csv names the picture,
    /// scores name its A/ or B/ file.</summary>
    static string Key(string file)
    {
        var path = file.Replace('\\', '/');
        if (path.StartsWith("A/", StringComparison.Ordinal) || path.StartsWith("B/", StringComparison.Ordinal)) path = path[2..];
        return Path.ChangeExtension(path, null);
    }
}
