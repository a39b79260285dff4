using SharpGan.Config;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using SharpGan.Training.Tricks;

namespace SharpGan.Tests.Training.Tricks;

/// <summary>The EMA's half-life in images and its ramp-up (StyleGAN2-ADA's ema_kimg / ema_rampup) by hand, and on resume.</summary>
public class EmaHalfLifeTests
{
    [Fact]
    public void A_fixed_decay_stays_what_it_was()
    {
        Assert.Equal(0.999, EmaGenerator.Beta(new TricksConfig { Ema = 0.999 }, batch: 64, imagesSeen: 123_456));
        Assert.Equal(0, EmaGenerator.Beta(new TricksConfig(), batch: 64, imagesSeen: 0));
    }

    [Fact]
    public void The_half_life_gives_beta_by_hand()
    {
        // batch 64, ema_kimg 10: β = 0.5^(64 / 10 000) = e^(−0.0064·ln 2) ≈ 1 − 0.004436 + 0.0000098 = 0.995574
        var t = new TricksConfig { EmaKimg = 10, EmaRampup = 0 };
        Assert.Equal(Math.Pow(0.5, 64 / 10_000.0), EmaGenerator.Beta(t, 64, imagesSeen: 0), 15);
        Assert.Equal(0.995574, EmaGenerator.Beta(t, 64, imagesSeen: 5_000_000), 6);
        // Half-life: 10 000 images in batches of 100 halve the weight of the start: β^100 = 0.5.
        Assert.Equal(0.5, Math.Pow(EmaGenerator.Beta(t, 100, 0), 100), 12);
    }

    [Fact]
    public void The_ramp_up_shortens_the_half_life_early_only()
    {
        var t = new TricksConfig { EmaKimg = 10, EmaRampup = 0.05 };
        // 20 000 images seen: ema_nimg = min(10 000, 20 000·0.05 = 1 000), β = 0.5^(64/1000) = e^(−0.044361) ≈ 0.956608
        Assert.Equal(Math.Pow(0.5, 64 / 1_000.0), EmaGenerator.Beta(t, 64, 20_000), 15);
        Assert.Equal(0.956608, EmaGenerator.Beta(t, 64, 20_000), 6);
        // From 200 000 images on, the ramp no longer binds: ema_nimg = 10 000.
        Assert.Equal(EmaGenerator.Beta(new TricksConfig { EmaKimg = 10, EmaRampup = 0 }, 64, 0), EmaGenerator.Beta(t, 64, 200_000));
        Assert.Equal(EmaGenerator.Beta(new TricksConfig { EmaKimg = 10, EmaRampup = 0 }, 64, 0), EmaGenerator.Beta(t, 64, 1_000_000));
        // At the very start the average follows G: β = 0.5^(64 / 1e-8) = 0.
        Assert.Equal(0, EmaGenerator.Beta(t, 64, 0));
    }

    [Theory]
    [InlineData("tricks.ema_kimg=-1", "tricks.ema_kimg = -1: allowed 0 (off) to 100000")]
    [InlineData("tricks.ema_rampup=2", "tricks.ema_rampup = 2: allowed 0 (off) to 1")]
    public void Bad_values_are_refused_naming_the_key(string assignment, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["data.path=x", assignment]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_fixed_decay_wins_over_the_default_half_life()
    {
        // The half-life is on by default, so a config that asks for a fixed decay must get exactly that.
        var config = ConfigLoader.Load(null, ["data.path=x", "tricks.ema=0.999"]);
        Assert.Equal(0.999, EmaGenerator.Beta(config.Tricks, batch: 16, imagesSeen: 100));
    }

    [Fact]
    public void The_main_job_averages_with_StyleGAN2_ADAs_half_life_and_ramp_up_by_default()
    {
        var t = new TricksConfig();
        Assert.Equal((0.0, 10.0, 0.05), (t.Ema, t.EmaKimg, t.EmaRampup));
        // After the main job's 29 000 images: ema_nimg = min(10 000, 1 450), β = 0.5^(16 / 1 450).
        Assert.Equal(Math.Pow(0.5, 16 / 1_450.0), EmaGenerator.Beta(t, 16, 29_000), 12);
    }

    static SharpGanConfig WithHalfLife(SharpGanConfig config) =>
        config with { Tricks = new TricksConfig { EmaKimg = 0.01, EmaRampup = 0.5 } };   // 10 images, ramped over the first 20

    static Dictionary<string, byte[]> EmaWeights(string checkpointPath)
    {
        var checkpoint = Checkpoint.Read(checkpointPath);
        using var recipe = GanKinds.CreateRecipe(checkpoint.Config);
        using var shadow = recipe.NewGenerator();
        checkpoint.RestoreEma(shadow);
        return shadow.state_dict().ToDictionary(p => p.Key, p => p.Value.bytes.ToArray());
    }

    [Fact]
    public void The_average_and_the_images_seen_survive_a_mid_epoch_resume_bit_exactly()
    {
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        var config = WithHalfLife(TinyRun.Config(straightDir.Path, epochs: 2));
        var (straightRun, _) = TrainingSession.Open(config, []);
        using (straightRun) straightRun.Run();
        var straightState = Checkpoint.Read(straightRun.CheckpointPath).State;
        Assert.Equal(2 * 8, straightState.Images);   // the 8 tiny flowers, twice

        var interrupted = config with { Output = config.Output with { Dir = resumedDir.Path } };
        var (trainer, _) = TrainingSession.Open(interrupted, []);
        using var stop = new CancellationTokenSource();
        using (trainer)
            Assert.Equal(TrainOutcome.Interrupted, trainer.Run(new ProgressCallback(p => { if (p.Step == 4) stop.Cancel(); }), stop.Token));
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal(4, checkpoint.State.Step);
        var (resumed, _) = TrainingSession.Open(checkpoint.Config, [], checkpoint);
        using (resumed) resumed.Run();
        Assert.Equal(straightState.Images, Checkpoint.Read(resumed.CheckpointPath).State.Images);

        var straight = EmaWeights(straightRun.CheckpointPath);
        var again = EmaWeights(resumed.CheckpointPath);
        Assert.Equal(straight.Keys, again.Keys);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(again[name]), $"EMA {name} differs after resume");
    }
}
