using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Pix2pix's generator objective (Isola et al. 2017, eq. 4): the conditional GAN term on D's patch logits plus
/// λ·L1(target, output). L1 keeps the low frequencies right (and blurs); the GAN term asks for sharp patches.
/// </summary>
public static class Pix2PixObjective
{
    /// <summary>The paper's λ.</summary>
    public const double DefaultLambda = 100;

    /// <returns>The total, and its two terms (all 0-d).</returns>
    public static (Tensor Total, Tensor Adversarial, Tensor L1) Generator(IAdversarialLoss loss, Tensor fakePatchLogits,
        Tensor output, Tensor target, double lambda)
    {
        var adversarial = loss.Generator(fakePatchLogits.flatten());
        var l1 = output.sub(target).abs().mean();
        return (adversarial.add(l1.mul(lambda)), adversarial, l1);
    }
}
