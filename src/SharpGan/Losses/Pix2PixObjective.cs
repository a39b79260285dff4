using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Pix2pix's generator objective (Isola et al. 2017, eq. 4): the conditional GAN term on D's patch logits plus
/// λ·L1(target, output). L1 keeps the low frequencies right (and blurs); the GAN term asks for sharp patches.
/// </summary>
internal static class Pix2PixObjective
{
    /// <summary>The paper's λ.</summary>
    public const double DefaultLambda = 100;

    /// <param name="fakePatchLogits">D's logits for (input, output); null for the L1-only baseline.</param>
    /// <param name="adversarialWeight">λ_adv on the GAN term (<c>model.adversarial_weight</c>).</param>
    /// <returns>The total λ_adv·L_GAN + λ·L1 and its two unweighted terms (all 0-d; the GAN term 0 without logits).</returns>
    public static (Tensor Total, Tensor Adversarial, Tensor L1) Generator(IAdversarialLoss loss, Tensor? fakePatchLogits,
        Tensor output, Tensor target, double lambda, double adversarialWeight = 1)
    {
        var l1 = output.sub(target).abs().mean();
        if (fakePatchLogits is null) return (l1.mul(lambda), zeros_like(l1), l1);
        var adversarial = loss.Generator(fakePatchLogits.flatten());
        return (adversarial.mul(adversarialWeight).add(l1.mul(lambda)), adversarial, l1);
    }
}
