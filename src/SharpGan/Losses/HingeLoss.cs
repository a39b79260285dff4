using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// Hinge loss (Lim & Ye 2017; SN-GAN, BigGAN): D minimises E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))];
/// G minimises −E[D(G(z))].
/// </summary>
internal sealed class HingeLoss : IAdversarialLoss
{
    public string Name => "hinge";
    public LossTraits Traits { get; } = new(UsesLabels: false, Overfit: OverfitSignal.RealSign);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        F.relu(realLogits.neg().add(1)).mean().add(F.relu(fakeLogits.add(1)).mean());

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.mean().neg();
}
