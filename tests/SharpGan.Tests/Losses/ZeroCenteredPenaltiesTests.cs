using SharpGan.Config;
using SharpGan.Losses;
using SharpGan.Recipes;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

/// <summary>R1 and R2 against their closed form on a linear D, the lazy interval, the edge's checks, and runs with them.</summary>
public class ZeroCenteredPenaltiesTests
{
    // A linear D(x) = w·x + b on 1×2×2 inputs: ∇ₓD = w at every point, so R = γ/2·‖w‖². The values are exact in
    // fp32 and bf16: ‖w‖² = 1 + 4 + 4 + 0.25 = 9.25.
    static readonly float[] W = [1, 2, -2, 0.5f];
    const double NormSquared = 9.25;

    static Tensor Weights() => tensor(W).requires_grad_(true);

    static Func<Tensor, Tensor> Linear(Tensor w) => x => x.flatten(1).matmul(w).add(0.75);

    static Tensor Points(int n, int seed) => randn([n, 1, 2, 2], generator: new TorchSharp.torch.Generator((ulong)seed));

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(0.25)]
    public void R1_on_a_linear_d_is_half_gamma_times_the_squared_norm_of_w(double gamma)
    {
        using var scope = NewDisposeScope();
        var w = Weights();
        var r1 = new ZeroCenteredPenalties(gamma, 0, 1).Compute(Linear(w), Points(5, 1), _ => throw new InvalidOperationException("R2 is off"), Points(5, 2));
        Assert.Equal((float)(gamma / 2 * NormSquared), r1.item<float>());
        // It back-propagates into D: ∂/∂w γ/2‖w‖² = γ·w.
        r1.backward();
        Assert.Equal(W.Select(v => (float)(gamma * v)), w.grad!.data<float>().ToArray());
    }

    [Fact]
    public void R2_is_the_same_on_the_fakes_and_the_two_add()
    {
        using var scope = NewDisposeScope();
        var w = Weights();
        var other = tensor(new float[] { 0, 1, 0, 0 }).requires_grad_(true);   // ‖·‖² = 1
        var r2 = new ZeroCenteredPenalties(0, 4, 1).Compute(_ => throw new InvalidOperationException("R1 is off"), Points(3, 1), Linear(w), Points(3, 2));
        Assert.Equal((float)(4.0 / 2 * NormSquared), r2.item<float>());
        var both = new ZeroCenteredPenalties(2, 4, 1).Compute(Linear(other), Points(3, 1), Linear(w), Points(3, 2));
        Assert.Equal((float)(2.0 / 2 * 1 + 4.0 / 2 * NormSquared), both.item<float>());
    }

    [Fact]
    public void The_gradient_is_taken_at_an_fp32_input_through_bf16_copies()
    {
        using var scope = NewDisposeScope();
        var w = Weights();
        Func<Tensor, Tensor> bf16 = x => x.to_type(ScalarType.BFloat16).flatten(1).matmul(w.to_type(ScalarType.BFloat16)).to_type(ScalarType.Float32);
        var r1 = ZeroCenteredPenalties.OfInputs(bf16, Points(4, 3), gamma: 2);
        Assert.Equal(ScalarType.Float32, r1.dtype);
        Assert.Equal((float)NormSquared, r1.item<float>());
    }

    [Fact]
    public void The_lazy_interval_applies_on_every_nth_d_step_from_the_first_scaled_by_n()
    {
        var penalties = new ZeroCenteredPenalties(1, 0, 4);
        Assert.Equal([0L, 4, 8], Enumerable.Range(0, 10).Select(i => (long)i).Where(penalties.AppliesAt));
        Assert.False(ZeroCenteredPenalties.Off.AppliesAt(0));

        // Through D's phase completion, as every recipe ends it: the base loss 0 plus 4·γ/2·‖w‖² on steps 0 and 4 only.
        var options = RecipeOptions.From(new SharpGanConfig { Tricks = new TricksConfig { R1Gamma = 1, RInterval = 4 } });
        var losses = new List<float>();
        for (long step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            var w = Weights();
            var critic = Linear(w);
            var real = Points(2, 1);
            var fake = Points(2, 2);
            var lossD = critic(real).sum().mul(0);
            options.DInput.DStep = step;
            losses.Add(options.CompleteDiscriminatorPhase(lossD, critic(real), critic(fake), critic, real, fake).Loss.item<float>());
        }
        float lazy = (float)(4 * 0.5 * NormSquared);
        Assert.Equal([lazy, 0, 0, 0, lazy, 0], losses);
    }

    [Theory]
    [InlineData("tricks.r1_gamma=-1", "tricks.r1_gamma = -1: allowed 0 (off) to 10000")]
    [InlineData("tricks.r2_gamma=-0.5", "tricks.r2_gamma = -0.5: allowed 0 (off) to 10000")]
    [InlineData("tricks.r_interval=0", "tricks.r_interval = 0: allowed 1 (every D step) to 1000")]
    public void Bad_values_are_refused_naming_the_key_and_the_allowed_values(string assignment, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["data.path=x", assignment]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Kinds_whose_d_phase_does_not_end_in_the_shared_completion_refuse_them()
    {
        var config = new SharpGanConfig { Model = new ModelConfig { Conditioning = "pix2pix" }, Tricks = new TricksConfig { R1Gamma = 1 } };
        var e = Assert.Throws<ConfigException>(() => SharpGan.Recipes.Kinds.GanKinds.Check(config));
        Assert.Contains("model.conditioning pix2pix does not combine with tricks.r1_gamma / tricks.r2_gamma", e.Message);
    }

    static SharpGanConfig WithPenalties(SharpGanConfig config) =>
        config with { Train = config.Train with { Loss = "rpgan" }, Tricks = new TricksConfig { R1Gamma = 0.5, R2Gamma = 0.5, RInterval = 2 } };

    [Fact]
    public void A_tiny_rpgan_run_with_lazy_r1_and_r2_trains_with_finite_losses_and_resumes_exactly()
    {
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        var straight = TinyRun.TrainAndReadWeights(TinyRun.Extendable(WithPenalties(TinyRun.Config(straightDir.Path, epochs: 4))), resume: null);

        var (first, _) = TrainingSession.Open(TinyRun.Extendable(WithPenalties(TinyRun.Config(resumedDir.Path, epochs: 3))), []);
        using (first) first.Run();
        var checkpoint = Checkpoint.Read(first.CheckpointPath);
        Assert.All(checkpoint.State.History, e => Assert.True(double.IsFinite(e.LossD) && double.IsFinite(e.LossG), $"epoch {e.Epoch}: {e}"));
        var resumed = TinyRun.TrainAndReadWeights(checkpoint.Config with { Train = checkpoint.Config.Train with { Epochs = 4 } }, checkpoint);

        Assert.Equal(straight.Keys, resumed.Keys);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(resumed[name]), $"{name} differs after resume");
    }

    [Fact]
    public void A_mask_conditioned_run_judges_the_fakes_of_r2_with_their_own_masks()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1) with
        {
            Data = new DataConfig { Path = Repo.Fixture("tiny"), Masks = "alpha" },
            Model = new ModelConfig { ImageSize = 32, Latent = "32x2x2", Ngf = 8, Ndf = 4, Conditioning = "mask", MaskMismatch = true },
            Tricks = new TricksConfig { R1Gamma = 1, R2Gamma = 1 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer)
            Assert.Equal(TrainOutcome.Completed, trainer.Run());
        Assert.All(Checkpoint.Read(trainer.CheckpointPath).State.History, e => Assert.True(double.IsFinite(e.LossD) && double.IsFinite(e.LossG)));
    }
}
