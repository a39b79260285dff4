using System.Globalization;
using System.Text;
using SharpGan.Data;
using SharpGan.Training;
using SkiaSharp;

namespace SharpGan.Reporting;

/// <summary>One finished (or stopped) run as read back from its folder: name, history, how it computed, last grid.</summary>
public sealed record RunSummary(string Name, string Directory, IReadOnlyList<EpochStats> History, string? Compute, int BatchSize)
{
    public string LastGridPath => Path.Combine(Directory, "samples", SampleGridSink.FileName(History[^1].Epoch));
}

/// <summary>
/// Several runs side by side: their loss curves overlaid in one plot, their last fixed-noise grids in one row, and
/// a Markdown table of time and final losses. Used by <c>sharpgan compare</c>.
/// </summary>
public static class RunComparison
{
    public static RunSummary Load(string runDirectory)
    {
        var checkpoint = Checkpoint.Read(Path.Combine(runDirectory, "checkpoints", "last.ckpt"));
        if (checkpoint.State.History.Count == 0)
            throw new InvalidDataException($"run '{runDirectory}' has no finished epoch to compare");
        return new RunSummary(Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd('/')), runDirectory, checkpoint.State.History, checkpoint.Compute,
            checkpoint.Config.Train.BatchSize);
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
        return plot.GetImage(900, 500).GetImageBytes(ScottPlot.ImageFormat.Png);
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

    /// <summary>Per run: epochs, training seconds (steps only), images/s, and the means of the last ten epochs' losses and D accuracy.</summary>
    public static string Table(IReadOnlyList<RunSummary> runs)
    {
        var text = new StringBuilder("| run | computed in | epochs | train s | img/s | loss D, last 10 | loss G, last 10 | D accuracy, last 10 |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in runs)
        {
            var last = r.History.TakeLast(10).ToList();
            double seconds = r.History.Sum(h => h.Seconds);
            var compute = r.Compute?.Split(" (", 2)[0] ?? "?";
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {compute} | {r.History.Count} | {seconds:F0} | {r.History[^1].Step * r.BatchSize / seconds:F0} | {last.Average(h => h.LossD):F3} | {last.Where(h => !double.IsNaN(h.LossG)).Select(h => h.LossG).DefaultIfEmpty(double.NaN).Average():F3} | {last.Average(h => h.DAccuracy) * 100:F0} % |\n"));
        }
        return text.ToString();
    }

    static RgbImage Read(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException($"'{png}' is not a readable PNG");
        var pixels = new byte[bitmap.Width * bitmap.Height * 3];
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int i = (y * bitmap.Width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (c.Red, c.Green, c.Blue);
            }
        return new RgbImage(bitmap.Width, bitmap.Height, pixels);
    }
}
