using SharpGan.Bench;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.Tests.Bench;

/// <summary><c>bench --growth</c>: a row per size × batch with its speed and memory, and a figure that decodes.</summary>
public class GrowthBenchTests
{
    [Fact]
    public void Every_size_and_batch_gets_a_row_and_the_figure_is_a_png()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        ImageSet Images(int size, int batch) => ImageSet.From(Enumerable.Range(0, 3 * batch).Select(i => set.Prepared(i % set.Count)).ToList(), size);
        var options = new BenchOptions([32], Steps: 1, Warmup: 1);
        var rows = GrowthBench.Run(Images, [32], [2, 8], options, ComputePolicy.Fp32Nchw);

        Assert.Equal([(32, 2), (32, 8)], rows.Select(r => (r.ImageSize, r.Batch)));
        Assert.All(rows, r =>
        {
            Assert.True(r.TrainImagesPerSecond > 0 && r.StepSeconds > 0);
            Assert.Equal(r.Batch / r.StepSeconds, r.TrainImagesPerSecond, 6);
            Assert.NotNull(r.StepMegabytes);   // Linux: the peak resident set can be restarted
        });
        using var figure = SKBitmap.Decode(GrowthPlot.Png(rows, "test"));
        Assert.Equal((1000, 560), (figure.Width, figure.Height));
    }
}
