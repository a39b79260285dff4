using SharpGan.Config;
using SharpGan.Losses;
using SharpGan.Recipes;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

/// <summary>RpGAN on fixed logits against values worked out by hand, its pairing, and a tiny run that trains on it.</summary>
public class RelativisticPairingLossTests
{
    static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    [Fact]
    public void D_and_g_are_softplus_of_the_paired_differences()
    {
        using var scope = NewDisposeScope();
        var loss = new RelativisticPairingLoss();
        var real = tensor(new float[] { 1, -0.5f });
        var fake = tensor(new float[] { 0, 2 });
        // D: mean(softplus(0 − 1), softplus(2 − (−0.5)))
        Assert.Equal((Softplus(-1) + Softplus(2.5)) / 2, loss.Discriminator(real, fake, LabelTargets.Hard(2, 2)).item<float>(), 5);
        // G: mean(softplus(1 − 0), softplus(−0.5 − 2))
        Assert.Equal((Softplus(1) + Softplus(-2.5)) / 2, loss.Generator(fake, real).item<float>(), 5);
    }

    [Fact]
    public void Label_targets_do_not_change_d()
    {
        using var scope = NewDisposeScope();
        var loss = new RelativisticPairingLoss();
        var real = tensor(new float[] { 1, -0.5f });
        var fake = tensor(new float[] { 0, 2 });
        var smoothed = new LabelPolicy(0.1, true, 0.5).Draw(2, 2);
        Assert.Equal(loss.Discriminator(real, fake, LabelTargets.Hard(2, 2)).item<float>(), loss.Discriminator(real, fake, smoothed).item<float>());
    }

    [Fact]
    public void More_fakes_than_reals_pair_each_block_with_the_reals()
    {
        using var scope = NewDisposeScope();
        var loss = new RelativisticPairingLoss();
        var real = tensor(new float[] { 1, 3 });
        var fake = tensor(new float[] { 0, 2, -1, 4 });
        // Pairs (1, 0), (3, 2), (1, −1), (3, 4).
        Assert.Equal((Softplus(-1) + Softplus(-1) + Softplus(-2) + Softplus(1)) / 4, loss.Discriminator(real, fake, LabelTargets.Hard(2, 4)).item<float>(), 5);
        Assert.Equal((Softplus(1) + Softplus(1) + Softplus(2) + Softplus(-1)) / 4, loss.Generator(fake, real).item<float>(), 5);
        Assert.Throws<ArgumentException>(() => loss.Discriminator(real, tensor(new float[] { 0, 1, 2 }), LabelTargets.Hard(2, 3)));
    }

    [Fact]
    public void G_without_reals_fails_with_the_loss_named()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => new RelativisticPairingLoss().Generator(tensor(new float[] { 0 })));
        Assert.Contains("rpgan", e.Message);
    }

    [Theory]
    [InlineData("bce", false)]
    [InlineData("hinge", false)]
    [InlineData("wgan-gp", false)]
    [InlineData("rpgan", true)]
    public void Only_a_pairing_loss_runs_d_on_reals_in_gs_phase(string name, bool readsReal)
    {
        using var scope = NewDisposeScope();
        var options = RecipeOptions.From(new SharpGanConfig { Train = new TrainConfig { Loss = name } });
        var fake = tensor(new float[] { 0, 2 });
        bool ran = false;
        var lossG = options.GeneratorLoss(fake, () => { ran = true; return tensor(new float[] { 1, -0.5f }); });
        Assert.Equal(readsReal, ran);
        if (!readsReal) Assert.Equal(options.Loss.Generator(fake).item<float>(), lossG.item<float>());
    }

    [Fact]
    public void Label_tricks_are_refused_at_start_up()
    {
        var messages = new List<string>();
        var config = new SharpGanConfig { Train = new TrainConfig { Loss = "rpgan" }, Tricks = new TricksConfig { LabelSmoothing = 0.1 } };
        LossRegistry.Check(config, (ok, message) => { if (!ok) messages.Add(message); });
        Assert.Contains(messages, m => m.Contains("tricks.label_smoothing") && m.Contains("rpgan"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("acgan")]
    [InlineData("mask")]
    public void A_tiny_run_of_each_kind_trains_on_it_with_finite_losses(string conditioning)
    {
        using var dir = new TempDir();
        var config = Tests.Training.TinyRun.Config(dir["run"], epochs: 2);
        config = config with { Train = config.Train with { Loss = "rpgan" } };
        config = conditioning switch
        {
            // Twice the fakes in G's phase: each real meets two.
            "none" => config with { Tricks = new TricksConfig { GBatchMultiplier = 2 } },
            "acgan" => config with
            {
                Data = new DataConfig { Path = FlowerClasses.CopyTo(dir["classes"]), Labels = "folders" },
                Model = config.Model with { Conditioning = "acgan" },
            },
            // Mismatched (real, wrong mask) pairs double D's fakes.
            _ => config with
            {
                Data = new DataConfig { Path = Repo.Fixture("tiny"), Masks = "alpha" },
                Model = new ModelConfig { ImageSize = 32, Latent = "32x2x2", Ngf = 8, Ndf = 4, Conditioning = "mask", MaskMismatch = true },
            },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer)
            Assert.Equal(TrainOutcome.Completed, trainer.Run());
        var history = Checkpoint.Read(trainer.CheckpointPath).State.History;
        Assert.Equal(2, history.Count);
        Assert.All(history, e => Assert.True(double.IsFinite(e.LossD) && double.IsFinite(e.LossG) && e.GSteps > 0, $"epoch {e.Epoch}: {e}"));
    }
}
