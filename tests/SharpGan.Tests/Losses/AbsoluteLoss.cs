using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

/// <summary>
/// A loss that lives only in the tests, in this one file, to show that a loss is one file plus one registry line and
/// that the trainer follows its traits: L1 towards the targets, with WGAN's weight clipping asked for by trait alone.
/// </summary>
sealed class AbsoluteLoss : IAdversarialLoss
{
    public string Name => "test-absolute";
    public LossTraits Traits { get; } = new(UsesLabels: true, CriticPace.Ratio, ClipsWeights: true);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        realLogits.sub(targets.Real).abs().mean().add(fakeLogits.sub(targets.Fake).abs().mean());

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.sub(1).abs().mean();
}
