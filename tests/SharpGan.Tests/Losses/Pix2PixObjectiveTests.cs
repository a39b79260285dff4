using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

public class Pix2PixObjectiveTests
{
    [Fact]
    public void The_objective_is_the_gan_term_plus_lambda_times_l1()
    {
        using var scope = NewDisposeScope();
        // D undecided on every patch (logit 0): the non-saturating term is −log σ(0) = log 2.
        var logits = zeros(2, 1, 3, 3);
        // Output off by 0.5 on half the pixels and exact on the rest: L1 = 0.25.
        var target = zeros(2, 3, 4, 4);
        var output = target.clone();
        output[.., .., ..2] = full(2, 3, 2, 4, 0.5f);
        var (total, adversarial, l1) = Pix2PixObjective.Generator(LossRegistry.Create("bce"), logits, output, target, lambda: 100);
        Assert.Equal(Math.Log(2), adversarial.item<float>(), 5);
        Assert.Equal(0.25, l1.item<float>(), 6);
        Assert.Equal(Math.Log(2) + 25, total.item<float>(), 4);
        // LSGAN's generator term on the same logits: ½·(0 − 1)² = 0.5.
        Assert.Equal(0.5 + 25, Pix2PixObjective.Generator(LossRegistry.Create("lsgan"), logits, output, target, 100).Total.item<float>(), 4);
    }
}
