using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// The original minimax objective, for comparison: D as in <see cref="NonSaturatingBceLoss"/>, but G minimises
/// log(1 − D(G(z))) = −BCE(D(G(z)), 0), whose gradient vanishes exactly when D rejects G's samples confidently.
/// </summary>
internal sealed class MinimaxBceLoss : IAdversarialLoss
{
    public string Name => "minimax";
    public LossTraits Traits { get; } = new(UsesLabels: true, Overfit: OverfitSignal.RealSign);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        NonSaturatingBceLoss.BceDiscriminator(realLogits, fakeLogits, targets);

    public Tensor Generator(Tensor fakeLogits) =>
        F.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits)).neg();
}
