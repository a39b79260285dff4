using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Maps discriminator outputs to the two players' losses. Label tricks (smoothing, soft and noisy labels, flips)
/// arrive as <see cref="LabelTargets"/>, so every recipe gets them without knowing them.
/// </summary>
public interface IAdversarialLoss
{
    string Name { get; }

    /// <summary>What the loss asks of the trainer, the critic schedule and the recipes: labels, pace, clipping, penalty.</summary>
    LossTraits Traits { get; }

    /// <summary>D's loss from its outputs on a real and on a fake batch.</summary>
    Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets);

    /// <summary>G's loss from D's outputs on G's fakes.</summary>
    Tensor Generator(Tensor fakeLogits);

    /// <summary>G's loss from D's outputs on G's fakes and on the real batch; called instead of
    /// <see cref="Generator(Tensor)"/> when <see cref="LossTraits.GeneratorReadsReal"/> is set. The default ignores
    /// the reals, so losses that do not read them need not implement it.</summary>
    Tensor Generator(Tensor fakeLogits, Tensor realLogits) => Generator(fakeLogits);
}
