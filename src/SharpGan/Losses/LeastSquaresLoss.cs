using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// LSGAN (Mao et al. 2017, a = 0, b = c = 1): D minimises ½E[(D(x) − b)²] + ½E[(D(G(z)) − a)²] and G minimises
/// ½E[(D(G(z)) − c)²]; D's raw output is the score, with label tricks acting on a and b.
/// </summary>
internal sealed class LeastSquaresLoss : IAdversarialLoss
{
    public string Name => "lsgan";
    public LossTraits Traits { get; } = new(UsesLabels: true);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        realLogits.sub(targets.Real).square().mean().add(fakeLogits.sub(targets.Fake).square().mean()).mul(0.5);

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.sub(1).square().mean().mul(0.5);
}
