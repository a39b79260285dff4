using SharpGan.Config;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using SharpGan.Training.Tricks;

namespace SharpGan.Tests.Training.Tricks;

/// <summary>ADA's p heuristic (StyleGAN2-ADA's training loop) by hand, its config, and its state across a resume.</summary>
public class AdaControllerTests
{
    static readonly TricksConfig Adaptive = new() { Ada = AdaMode.Adaptive, AdaTarget = 0.6, AdaInterval = 4, AdaKimg = 100 };

    static AdaState Steps(AdaState state, double realSign, int steps, long batch = 8, long firstStep = 1)
    {
        for (long s = firstStep; s < firstStep + steps; s++)
            state = AdaController.Observe(Adaptive, state, s, realSign, batch);
        return state;
    }

    [Fact]
    public void An_overfitting_D_raises_p_by_the_interval_s_images_over_ada_kimg()
    {
        // 4 steps of 8 images with every real judged real (r_t = 1 > 0.6): p += 32 / 100 000.
        var three = Steps(new AdaState(), 1, 3);
        Assert.Equal(0, three.P);
        Assert.Equal(24, three.Images);
        var four = Steps(three, 1, 1, firstStep: 4);
        Assert.Equal(32 / 100_000.0, four.P, 15);
        Assert.Equal(new AdaState(four.P), four);   // the interval starts afresh
        // 0 → 1 takes ada_kimg thousand images: 100 000 / 32 = 3125 intervals.
        Assert.Equal(1, Steps(new AdaState(), 1, 4 * 3125).P, 9);
    }

    [Fact]
    public void A_fooled_D_lowers_p_at_the_same_speed_and_p_stays_in_0_to_1()
    {
        Assert.Equal(0.5 - 32 / 100_000.0, Steps(new AdaState(0.5), -1, 4).P, 15);
        Assert.Equal(0, Steps(new AdaState(0.0001), -1, 4).P);
        Assert.Equal(1, Steps(new AdaState(0.99999), 1, 4).P);
        // r_t is the images' mean: 2 steps at 1 and 2 at 0 give 0.5 < 0.6, so p falls.
        var mixed = Steps(Steps(new AdaState(0.5), 1, 2), 0, 2, firstStep: 3);
        Assert.Equal(0.5 - 32 / 100_000.0, mixed.P, 15);
    }

    [Fact]
    public void Fixed_and_off_ignore_the_signs()
    {
        var fixedP = new TricksConfig { Ada = AdaMode.Fixed, AdaP = 0.3 };
        var state = new AdaState(0.7);
        Assert.Equal(0.3, AdaController.P(fixedP, state, 1000));
        Assert.Same(state, AdaController.Observe(fixedP, state, 4, 1, 8));
        Assert.Equal(0, AdaController.P(new TricksConfig(), state, 1000));
        Assert.Equal(0.7, AdaController.P(Adaptive, state, 1000));
    }

    [Fact]
    public void Scheduled_p_rises_by_a_half_cosine_to_ada_p_over_ada_kimg_whatever_D_says()
    {
        var scheduled = new TricksConfig { Ada = AdaMode.Scheduled, AdaP = 0.3, AdaKimg = 10 };
        var state = new AdaState(0.9);   // an adaptive p left in the state is not read
        Assert.Equal(0, AdaController.P(scheduled, state, 0));
        Assert.Equal(0.3 * (1 - Math.Cos(Math.PI / 4)) / 2, AdaController.P(scheduled, state, 2_500), 15);
        Assert.Equal(0.15, AdaController.P(scheduled, state, 5_000), 15);
        Assert.Equal(0.3, AdaController.P(scheduled, state, 10_000), 15);
        Assert.Equal(0.3, AdaController.P(scheduled, state, 50_000), 15);
        Assert.Same(state, AdaController.Observe(scheduled, state, 4, 1, 8));
    }

    [Fact]
    public void Scheduled_p_reaches_the_metrics_of_a_run_rising_with_the_images_seen()
    {
        // ada_kimg 0.024: p reaches ada_p after 24 real images, within four epochs of the tiny flowers.
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 5);
        config = config with { Tricks = config.Tricks with { Ada = AdaMode.Scheduled, AdaP = 0.4, AdaKimg = 0.024 } };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var state = Checkpoint.Read(trainer.CheckpointPath).State;
        var p = state.History.Select(h => h.AdaP).ToArray();
        long perEpoch = state.Images / 5;
        var expected = Enumerable.Range(1, 5).Select(e => 0.4 * (1 - Math.Cos(Math.PI * Math.Min(1, e * perEpoch / 24.0))) / 2);
        Assert.Equal(expected, p, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0.4, p[^1], 12);
    }

    [Theory]
    [InlineData("tricks.ada=scheduled", "tricks.ada scheduled needs tricks.ada_p above 0")]
    [InlineData("tricks.ada=fixed", "tricks.ada fixed needs tricks.ada_p above 0")]
    [InlineData("tricks.ada=sometimes", "tricks.ada")]
    [InlineData("tricks.ada_target=1", "tricks.ada_target = 1: allowed (0, 1)")]
    [InlineData("tricks.ada_p=1.5", "tricks.ada_p = 1.5: allowed 0..1")]
    [InlineData("tricks.ada_interval=0", "tricks.ada_interval = 0: allowed 1..1000")]
    [InlineData("tricks.ada_kimg=0", "tricks.ada_kimg = 0: allowed (0, 100000]")]
    public void Bad_values_are_refused_naming_the_key(string assignment, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["data.path=x", assignment]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Ada_is_refused_with_diff_augment_and_by_mask_and_pix2pix()
    {
        var both = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["data.path=x", "tricks.ada=adaptive", "tricks.diff_augment=color"]));
        Assert.Contains("tricks.ada and tricks.diff_augment: choose one", both.Message);
        var ada = new TricksConfig { Ada = AdaMode.Fixed, AdaP = 0.2 };
        var mask = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Model = new ModelConfig { ImageSize = 32, Conditioning = "mask" }, Data = new DataConfig { Masks = "auto" }, Tricks = ada,
        }));
        Assert.Contains("tricks.ada", mask.Message);
        var pix2pix = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Model = new ModelConfig { ImageSize = 32, Conditioning = "pix2pix" }, Tricks = ada,
        }));
        Assert.Contains("tricks.ada", pix2pix.Message);
    }

    [Fact]
    public void A_D_made_to_overfit_in_training_drives_p_up()
    {
        // G all but frozen and D fast on 8 real flowers: D soon calls every real real, E[sign D(x)] → 1 > 0.6.
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 6);
        config = config with
        {
            Train = config.Train with { LrG = 1e-9, LrD = 2e-3 },
            Tricks = new TricksConfig { Ada = AdaMode.Adaptive, AdaKimg = 0.5, AdaInterval = 3 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var history = Checkpoint.Read(trainer.CheckpointPath).State.History;
        Assert.True(history[^1].AdaRt > 0.6, $"D overfits: r_t {history[^1].AdaRt:F2}");
        Assert.True(history[^1].AdaP > history[0].AdaP && history[^1].AdaP > 0.05, $"p rose: {string.Join(", ", history.Select(h => h.AdaP.ToString("F3")))}");
    }

    /// <summary>A fast-moving p (ada_kimg 0.1: 100 images from 0 to 1) over 2 epochs of the tiny flowers, with an
    /// interval of 3 steps so a checkpoint at step 4 falls inside one, and R1 differentiating through the augmentation.</summary>
    static SharpGanConfig WithAda(SharpGanConfig config) =>
        config with { Tricks = new TricksConfig { Ada = AdaMode.Adaptive, AdaP = 0.2, AdaInterval = 3, AdaKimg = 0.1, R1Gamma = 1 } };

    [Fact]
    public void P_and_its_interval_survive_a_mid_epoch_resume_bit_exactly()
    {
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        var config = WithAda(TinyRun.Config(straightDir.Path, epochs: 2));
        var straight = TinyRun.TrainAndReadWeights(config, null);
        var straightState = Checkpoint.Read(Path.Combine(straightDir.Path, "checkpoints", "last.ckpt")).State;
        Assert.NotEqual(0.2, straightState.History[0].AdaP);   // moved at step 3 (the end of epoch 1); two moves may cancel
        Assert.All(straightState.History, h => Assert.InRange(h.AdaP, 0, 1));
        Assert.All(straightState.History, h => Assert.InRange(h.AdaRt, -1, 1));

        var interrupted = config with { Output = config.Output with { Dir = resumedDir.Path } };
        var (trainer, _) = TrainingSession.Open(interrupted, []);
        using var stop = new CancellationTokenSource();
        using (trainer)
            Assert.Equal(TrainOutcome.Interrupted, trainer.Run(new ProgressCallback(p => { if (p.Step == 4) stop.Cancel(); }), stop.Token));
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal(4, checkpoint.State.Step);
        Assert.NotEqual(0, checkpoint.State.Ada.Images);   // mid-interval
        var resumed = TinyRun.TrainAndReadWeights(checkpoint.Config, checkpoint);
        var resumedState = Checkpoint.Read(Path.Combine(resumedDir.Path, "checkpoints", "last.ckpt")).State;

        Assert.Equal(straightState.Ada, resumedState.Ada);
        Assert.Equal(straightState.History.Select(h => (h.AdaP, h.AdaRt, h.LossD)), resumedState.History.Select(h => (h.AdaP, h.AdaRt, h.LossD)));
        Assert.Equal(straight.Keys, resumed.Keys);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(resumed[name]), $"{name} differs after resume");
    }
}
