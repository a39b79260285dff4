using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

/// <summary>Each loss on fixed logits against values worked out by hand (in the comments).</summary>
public class AdversarialLossTests
{
    static double Softplus(double x) => Math.Log(1 + Math.Exp(x));   // −log σ(−x)

    static (double D, double G) Evaluate(IAdversarialLoss loss, float[] real, float[] fake)
    {
        using var scope = NewDisposeScope();
        var r = tensor(real);
        var f = tensor(fake);
        return (loss.Discriminator(r, f, LabelTargets.Hard(real.Length, fake.Length)).item<float>(), loss.Generator(f).item<float>());
    }

    [Fact]
    public void Bce_is_the_logistic_loss_and_g_maximises_log_d_of_fakes()
    {
        var (d, g) = Evaluate(new NonSaturatingBceLoss(), [0, 2], [0, -1]);
        // D: mean(−log σ(0), −log σ(2)) + mean(−log(1 − σ(0)), −log(1 − σ(−1)))
        Assert.Equal((Softplus(0) + Softplus(-2)) / 2 + (Softplus(0) + Softplus(-1)) / 2, d, 5);
        // G: mean(−log σ(0), −log σ(−1))
        Assert.Equal((Softplus(0) + Softplus(1)) / 2, g, 5);
    }

    [Fact]
    public void Minimax_g_minimises_log_one_minus_d()
    {
        var (d, g) = Evaluate(new MinimaxBceLoss(), [0, 2], [0, -1]);
        Assert.Equal(Evaluate(new NonSaturatingBceLoss(), [0, 2], [0, -1]).D, d, 6);
        // G: mean(log(1 − σ(0)), log(1 − σ(−1))) = −mean(softplus(0), softplus(−1))
        Assert.Equal(-(Softplus(0) + Softplus(-1)) / 2, g, 5);
    }

    [Fact]
    public void Lsgan_is_half_the_squared_distance_to_the_targets()
    {
        var (d, g) = Evaluate(new LeastSquaresLoss(), [0.5f, 1.5f], [0, 1]);
        Assert.Equal(0.5 * 0.25 + 0.5 * 0.5, d, 6);   // ½·mean(0.25, 0.25) + ½·mean(0, 1)
        Assert.Equal(0.25, g, 6);                     // ½·mean(1, 0)
    }

    [Fact]
    public void Wasserstein_is_the_difference_of_mean_scores()
    {
        var (d, g) = Evaluate(new WassersteinLoss(), [1, 3], [0, -2]);
        Assert.Equal(-1 - 2, d, 6);   // mean(fake) − mean(real)
        Assert.Equal(1, g, 6);        // −mean(fake)
    }

    [Fact]
    public void Hinge_penalises_only_inside_the_margin()
    {
        var (d, g) = Evaluate(new HingeLoss(), [0.5f, 2], [-2, 0.5f]);
        Assert.Equal(0.25 + 0.75, d, 6);   // mean(0.5, 0) + mean(0, 1.5)
        Assert.Equal(0.75, g, 6);
    }

    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_its_analytic_value()
    {
        using var scope = NewDisposeScope();
        // D(x) = w·x with ‖w‖ = 3 has gradient norm 3 everywhere: penalty = λ(3 − 1)² = 40 for λ = 10.
        var w = tensor(new[] { 2f, 1f, 2f }).view(1, 3, 1, 1);
        Tensor Critic(Tensor x) => x.mul(w).sum([1, 2, 3]);
        manual_seed(1);
        var penalty = GradientPenalty.Compute(Critic, randn(4, 3, 1, 1), randn(4, 3, 1, 1), lambda: 10);
        Assert.Equal(40, penalty.item<float>(), 3);
    }

    [Fact]
    public void Gradient_penalty_back_propagates_into_the_critic()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 2f, 1f, 2f }).view(1, 3, 1, 1).requires_grad_(true);
        var penalty = GradientPenalty.Compute(x => x.mul(w).sum([1, 2, 3]), randn(4, 3, 1, 1), randn(4, 3, 1, 1), 10);
        penalty.backward();
        // d/dw λ(‖w‖ − 1)² = 2λ(‖w‖ − 1)·w/‖w‖ = 40/3·w
        Assert.Equal(40.0 / 3 * 2, w.grad!.flatten()[0].item<float>(), 3);
    }

    [Theory]
    [InlineData("bce", typeof(NonSaturatingBceLoss))]
    [InlineData("minimax", typeof(MinimaxBceLoss))]
    [InlineData("wgan", typeof(WassersteinLoss))]
    [InlineData("wgan-gp", typeof(WassersteinGpLoss))]
    [InlineData("lsgan", typeof(LeastSquaresLoss))]
    [InlineData("hinge", typeof(HingeLoss))]
    [InlineData("rpgan", typeof(RelativisticPairingLoss))]
    public void Registry_knows_every_loss_by_name(string name, Type type)
    {
        var loss = LossRegistry.Create(name);
        Assert.IsType(type, loss);
        Assert.Equal(name, loss.Name);
    }

    [Fact]
    public void Registry_lists_names_for_a_typo()
    {
        var e = Assert.Throws<ArgumentException>(() => LossRegistry.Create("bse"));
        Assert.Contains("bce", e.Message);
        Assert.Contains("wgan-gp", e.Message);
    }
}
