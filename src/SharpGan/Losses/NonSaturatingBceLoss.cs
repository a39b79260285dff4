using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// Goodfellow et al.'s GAN loss on logits: D minimises BCE(D(x), 1) + BCE(D(G(z)), 0); G minimises
/// BCE(D(G(z)), 1), the non-saturating form that keeps G's gradient alive while D is winning. The default.
/// </summary>
internal sealed class NonSaturatingBceLoss : IAdversarialLoss
{
    public string Name => "bce";
    public LossTraits Traits { get; } = new(UsesLabels: true, Overfit: OverfitSignal.RealSign);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        BceDiscriminator(realLogits, fakeLogits, targets);

    public Tensor Generator(Tensor fakeLogits) =>
        F.binary_cross_entropy_with_logits(fakeLogits, ones_like(fakeLogits));

    internal static Tensor BceDiscriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        F.binary_cross_entropy_with_logits(realLogits, targets.Real)
            .add(F.binary_cross_entropy_with_logits(fakeLogits, targets.Fake));
}
