namespace SharpGan.Reporting;

/// <summary>
/// A ScottPlot figure as PNG bytes. The plot and its rendered image hold native Skia surfaces (about 4 MB for a
/// 900×500 figure); a sink that redraws every epoch without disposing them grew a run's resident set without bound.
/// </summary>
static class PlotPng
{
    public static byte[] Render(ScottPlot.Plot plot, int width, int height)
    {
        using (plot)
        using (var image = plot.GetImage(width, height))
            return image.GetImageBytes(ScottPlot.ImageFormat.Png);
    }
}
