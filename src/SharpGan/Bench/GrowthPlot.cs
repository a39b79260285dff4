using SharpGan.Reporting;

namespace SharpGan.Bench;

/// <summary>The growth table as one figure: training images/s (left axis, solid) and step memory (right axis,
/// dashed) against the picture's side, a line per batch size.</summary>
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
            double[] sides = [.. group.Select(r => (double)r.ImageSize)];
            var speed = plot.Add.Scatter(sides, group.Select(r => r.TrainImagesPerSecond).ToArray());
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
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "image side (px)";
        plot.Axes.Left.Label.Text = "training images per second";
        plot.Axes.Right.Label.Text = "memory of the steps (MB)";
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return PlotPng.Render(plot, 1000, 560);
    }
}
