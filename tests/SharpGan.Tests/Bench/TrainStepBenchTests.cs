using SharpGan.Bench;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Bench;

/// <summary>The bench runs end to end (its numbers are for the bench command, not for tests to judge).</summary>
public class TrainStepBenchTests
{
    [Fact]
    public void Every_method_gets_a_row_with_its_ratio_to_the_anchor()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var options = new BenchOptions([32], Steps: 1, Warmup: 0, Rounds: 1, Batch: 8, SampleBatch: 8, SampleRepeats: 1);
        var rows = TrainStepBench.Run(_ => images, options, [ComputePolicy.Fp32Nchw, new ComputePolicy(true, true)]);
        Assert.Equal([TrainStepBench.Anchor, "SharpGan trainer, fp32 nchw", "SharpGan trainer, bf16 channels-last", TrainStepBench.OnnxRuntime], rows.Select(r => r.Method));
        Assert.Equal((1.0, 1.0), (rows[0].TrainRatio, rows[0].SampleRatio));
        Assert.All(rows.SkipLast(1), r => Assert.True(r.TrainImagesPerSecond > 0 && r.SampleImagesPerSecond > 0));
        // ONNX Runtime samples only.
        Assert.Equal((null, null), (rows[^1].TrainImagesPerSecond, rows[^1].TrainRatio));
        Assert.True(rows[^1].SampleImagesPerSecond > 0);
    }
}
