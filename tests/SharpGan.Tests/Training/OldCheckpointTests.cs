using SharpGan.Compute;
using SharpGan.Reporting;
using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Tests.Training;

/// <summary>Checkpoints written before entries carried digests (format 1) still load and draw exactly what they drew.</summary>
public class OldCheckpointTests
{
    [Fact]
    public void A_format_1_checkpoint_loads_and_samples_the_grid_the_old_code_sampled()
    {
        var file = Repo.Fixture("checkpoints", "format1-dcgan-ema.ckpt");
        var checkpoint = RunCheckpoints.Load(file);
        Assert.Null(checkpoint.Policy);
        Assert.Null(checkpoint.Notice);
        Assert.True(checkpoint.HasEma);
        Assert.Single(checkpoint.State.History);

        using var dir = new TempDir();
        using (var sampler = new Sampler(checkpoint, new ComputeChoice(ComputePolicy.Fp32Nchw, "as the old code sampled it")))
            PngFile.Write(dir["grid.png"], sampler.Grid(4, seed: 7));

        Assert.Equal(File.ReadAllBytes(Repo.Fixture("checkpoints", "format1-dcgan-ema-grid-seed7.png")), File.ReadAllBytes(dir["grid.png"]));
    }
}
