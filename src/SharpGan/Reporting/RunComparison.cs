using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text;
using System.Reflection;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using SkiaSharp;

namespace SharpGan.Reporting;

/// <summary>One finished (or stopped) run as read back from its folder: name, history, how it computed, its networks, last grid.</summary>
public sealed record RunSummary(string Name, string Directory, IReadOnlyList<EpochStats> History, string? Compute, SharpGanConfig Config,
    NetworkShape Networks)
{
    public int BatchSize => Config.Train.BatchSize;

    /// <summary>The last row of the run's eval.csv (header → value), when it was evaluated during training.</summary>
    public IReadOnlyDictionary<string, string>? LastEval
    {
        get
        {
            var file = Path.Combine(Directory, EvalSink.FileName);
            if (!File.Exists(file)) return null;
            var lines = File.ReadAllLines(file);
            return lines.Length < 2 ? null : lines[0].Split(',').Zip(lines[^1].Split(',')).ToDictionary(p => p.First, p => p.Second);
        }
    }

    public string LastGridPath => Path.Combine(Directory, "samples", SampleGridSink.FileName(History[^1].Epoch));
}

/// <summary>
/// Several runs side by side: their loss curves overlaid in one plot, their last fixed-noise grids in one row, and
/// Markdown and HTML tables of the flower DCGAN comparison's columns with time, final losses and the last evaluation.
/// Used by <c>sharpgan compare</c>.
/// </summary>
public static class RunComparison
{
    public static RunSummary Load(string runDirectory)
    {
        var checkpoint = RunCheckpoints.Load(runDirectory);
        if (checkpoint.State.History.Count == 0)
            throw new InvalidDataException($"run '{runDirectory}' has no finished epoch to compare");
        var summary = new RunSummary(Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd('/')), runDirectory, checkpoint.State.History, checkpoint.Compute,
            checkpoint.Config, NetworkShape.Of(checkpoint));
        // Checked here, before compare writes anything: the grids are drawn after the loss plot.
        if (!File.Exists(summary.LastGridPath))
            throw new InvalidDataException($"run '{runDirectory}' has no grid of its last epoch ({summary.LastGridPath}), which compare sets beside the others'");
        return summary;
    }

    /// <summary>Loss D (solid) and loss G (dashed) per epoch, one colour per run.</summary>
    public static byte[] RenderLosses(IReadOnlyList<RunSummary> runs)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < runs.Count; i++)
        {
            var epochs = runs[i].History.Select(h => (double)h.Epoch).ToArray();
            var d = plot.Add.Scatter(epochs, runs[i].History.Select(h => h.LossD).ToArray());
            var g = plot.Add.Scatter(epochs, runs[i].History.Select(h => h.LossG).ToArray());
            d.LegendText = $"{runs[i].Name}: loss D";
            g.LegendText = $"{runs[i].Name}: loss G";
            g.LinePattern = ScottPlot.LinePattern.Dashed;
            d.Color = g.Color = palette.GetColor(i);
            d.MarkerSize = g.MarkerSize = epochs.Length > 40 ? 0 : 4;
        }
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "loss";
        plot.Title("Loss per epoch");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return PlotPng.Render(plot, 900, 500);
    }

    /// <summary>The runs' last grids in one row, in the order given, <paramref name="gap"/> white pixels apart.</summary>
    public static RgbImage SideBySide(IReadOnlyList<RunSummary> runs, int gap = 8)
    {
        var grids = runs.Select(r => Read(r.LastGridPath)).ToList();
        int width = grids.Sum(g => g.Width) + gap * (grids.Count + 1), height = grids.Max(g => g.Height) + 2 * gap;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        int x0 = gap;
        foreach (var grid in grids)
        {
            for (int y = 0; y < grid.Height; y++)
                Array.Copy(grid.Pixels, y * grid.Width * 3, pixels, ((y + gap) * width + x0) * 3, grid.Width * 3);
            x0 += grid.Width + gap;
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>The flower DCGAN comparison's columns, then time, final losses and the last evaluation, one row per run.</summary>
    public static IReadOnlyList<(string Column, Func<RunSummary, string> Value)> Columns { get; } =
    [
        ("run", r => r.Name),
        ("batch", r => Invariant($"{r.Config.Train.BatchSize}")),
        ("noise", r => r.Config.Model.Latent),
        ("G's first map", r => r.Networks.FirstMap),
        ("layers G / D", r => Invariant($"{r.Networks.GeneratorLayers} / {r.Networks.DiscriminatorLayers}")),
        ("ngf / ndf", r => Invariant($"{r.Config.Model.Ngf} / {r.Config.Model.Ndf}")),
        ("lr D / G", r => Invariant($"{r.Config.Train.LrD:G3} / {r.Config.Train.LrG:G3}")),
        ("loss", r => r.Config.Train.Loss),
        ("tricks", r => Tricks(r.Config) is { Length: > 0 } t ? t : "none"),
        ("computed in", r => r.Compute?.Split(" (", 2)[0] ?? "?"),
        ("epochs", r => Invariant($"{r.History.Count}")),
        ("train s", r => Invariant($"{r.History.Sum(h => h.Seconds):F0}")),
        ("img/s", r => Invariant($"{r.History[^1].Step * r.BatchSize / r.History.Sum(h => h.Seconds):F0}")),
        ("loss D / G, last 10", r => Invariant($"{r.History.TakeLast(10).Average(h => h.LossD):F3} / {r.History.TakeLast(10).Where(h => !double.IsNaN(h.LossG)).Select(h => h.LossG).DefaultIfEmpty(double.NaN).Average():F3}")),
        ("D accuracy, last 10", r => Invariant($"{r.History.TakeLast(10).Average(h => h.DAccuracy) * 100:F0} %")),
        ("last eval: FD / KD / precision / recall", r => r.LastEval is { } e
            ? Invariant($"epoch {e["epoch"]}: {double.Parse(e["frechet_distance"], CultureInfo.InvariantCulture):F2} / {double.Parse(e["kid_mean"], CultureInfo.InvariantCulture):F4} / {double.Parse(e["precision"], CultureInfo.InvariantCulture):F2} / {double.Parse(e["recall"], CultureInfo.InvariantCulture):F2} ({e["backbone"]})")
            : "not evaluated"),
    ];

    public static string Table(IReadOnlyList<RunSummary> runs)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Columns.Select(c => c.Column)).Append(" |\n");
        text.Append('|').AppendJoin("", Columns.Select(_ => "---|")).Append('\n');
        foreach (var r in runs)
            text.Append("| ").AppendJoin(" | ", Columns.Select(c => c.Value(r).Replace("|", "\\|"))).Append(" |\n");
        return text.ToString();
    }

    /// <summary>The same table as a standalone HTML page, with each run's last grid under its row.</summary>
    public static string Html(IReadOnlyList<RunSummary> runs, string outputDirectory)
    {
        var text = new StringBuilder("<!doctype html>\n<meta charset=\"utf-8\"><title>SharpGan run comparison</title>\n");
        text.Append("<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}</style>\n<table>\n<tr>");
        foreach (var c in Columns) text.Append("<th>").Append(WebUtility.HtmlEncode(c.Column)).Append("</th>");
        text.Append("<th>last grid</th></tr>\n");
        foreach (var r in runs)
        {
            text.Append("<tr>");
            foreach (var c in Columns) text.Append("<td>").Append(WebUtility.HtmlEncode(c.Value(r))).Append("</td>");
            var grid = Path.GetRelativePath(outputDirectory, r.LastGridPath).Replace('\\', '/');
            text.Append("<td><img src=\"").Append(WebUtility.HtmlEncode(grid)).Append("\" width=\"256\"></td></tr>\n");
        }
        return text.Append("</table>\n").ToString();
    }

    /// <summary>Every trick whose value differs from its default (as the run's kind and loss decide the defaults'
    /// <c>auto</c>), as key=value in config names.</summary>
    static string Tricks(SharpGanConfig config)
    {
        var defaults = GanKinds.Resolve(config with { Tricks = new TricksConfig() }).Tricks;
        var changed = typeof(TricksConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !Equals(p.GetValue(config.Tricks), p.GetValue(defaults)))
            .Select(p => $"{JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)}={Value(p.GetValue(config.Tricks))}");
        var model = new List<string>();
        if (config.Model.SpectralNorm) model.Add("spectral_norm");
        if (config.Model.GDropout > 0) model.Add(Invariant($"g_dropout={config.Model.GDropout}"));
        if (config.Model.DNorm != "batch") model.Add($"d_norm={config.Model.DNorm}");
        return string.Join(", ", changed.Concat(model));
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A config value as a config file spells it (enums in snake case: ada=adaptive).</summary>
    static string Value(object? value) => value is Enum e
        ? JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString())
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>A run's grid PNG as RGB (grids are opaque, so alpha is dropped).</summary>
    static RgbImage Read(string png)
    {
        SKBitmap bitmap;
        try { bitmap = ImageLoader.Decode(png); }
        catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e)) { throw new InvalidDataException($"grid '{png}': {e.Message}", e); }
        using (bitmap)
        {
            var rgba = bitmap.GetPixelSpan();
            var pixels = new byte[bitmap.Width * bitmap.Height * 3];
            for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (rgba[j], rgba[j + 1], rgba[j + 2]);
            return new RgbImage(bitmap.Width, bitmap.Height, pixels);
        }
    }
}
