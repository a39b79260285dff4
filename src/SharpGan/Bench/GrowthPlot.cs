using SharpGan.Reporting;

namespace SharpGan.Bench;

/// <summary>The growth table as one figure: training images/s (left axis, logarithmic, solid) and step memory
/// (right axis, dashed) against the picture's side (doubling per tick), a line per batch size.</summary>
public static class GrowthPlot
{
    public static byte[] Png(IReadOnlyList<GrowthRow> rows, string title)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var group in rows.GroupBy(r => r.Batch))
        {
            var color = palette.GetColor(k++);
            double[] sides = [.. group.Select(r => Math.Log2(r.ImageSize))];
            var speed = plot.Add.Scatter(sides, group.Select(r => Math.Log10(r.TrainImagesPerSecond)).ToArray());
            speed.LegendText = $"batch {group.Key}: train img/s";
            speed.Color = color;
            if (group.All(r => r.StepMegabytes is not null))
            {
                var memory = plot.Add.Scatter(sides, group.Select(r => r.StepMegabytes!.Value).ToArray());
                memory.LegendText = $"batch {group.Key}: step MB";
                memory.Color = color;
                memory.LinePattern = ScottPlot.LinePattern.Dashed;
                memory.Axes.YAxis = plot.Axes.Right;
            }
        }
        int[] sizes = [.. rows.Select(r => r.ImageSize).Distinct().Order()];
        plot.Axes.Bottom.SetTicks([.. sizes.Select(size => Math.Log2(size))], [.. sizes.Select(size => $"{size}")]);
        double[] speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
        plot.Axes.Left.SetTicks([.. speeds.Select(Math.Log10)], [.. speeds.Select(v => $"{v}")]);
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "image side (px)";
        plot.Axes.Left.Label.Text = "training images per second";
        plot.Axes.Right.Label.Text = "memory of the steps (MB)";
        plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
        return PlotPng.Render(plot, 1000, 560);
    }
}
