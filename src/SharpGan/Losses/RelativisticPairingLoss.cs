using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// The relativistic pairing loss, RpGAN (Jolicoeur-Martineau 2018, "RSGAN"; R3GAN, Huang et al. 2024, eq. 2, which
/// pairs it with R1 + R2): each real is paired with a fake of the batch and D is asked only that the real score
/// higher. D minimises E[softplus(D(fake) − D(real))], G minimises E[softplus(D(real) − D(fake))]. Its output is a
/// score, not a logit against targets, so label tricks are refused for it.
/// </summary>
/// <remarks>Pairs are row i with row i. Where D sees more fakes than reals (a whole multiple: a G batch multiplier,
/// mask-conditioned mismatch pairs), the reals repeat, so row i of each block of fakes meets real i.</remarks>
internal sealed class RelativisticPairingLoss : IAdversarialLoss
{
    public string Name => "rpgan";
    public LossTraits Traits { get; } = new(UsesLabels: false, GeneratorReadsReal: true, Overfit: OverfitSignal.PairedSign);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets)
    {
        var (real, fake) = Paired(realLogits, fakeLogits);
        return F.softplus(fake.sub(real)).mean();
    }

    public Tensor Generator(Tensor fakeLogits) =>
        throw new InvalidOperationException("train.loss = 'rpgan': G's loss pairs fakes with reals; this GAN kind's G phase must pass D's outputs on the real batch");

    public Tensor Generator(Tensor fakeLogits, Tensor realLogits)
    {
        var (real, fake) = Paired(realLogits, fakeLogits);
        return F.softplus(real.sub(fake)).mean();
    }

    static (Tensor Real, Tensor Fake) Paired(Tensor realLogits, Tensor fakeLogits)
    {
        var real = realLogits.flatten();
        var fake = fakeLogits.flatten();
        long r = real.shape[0], f = fake.shape[0];
        if (r == f) return (real, fake);
        if (r == 0 || f % r != 0)
            throw new ArgumentException($"rpgan pairs each real with a fake: {f} fake scores do not split into blocks of {r} reals");
        return (real.repeat(f / r), fake);
    }
}
