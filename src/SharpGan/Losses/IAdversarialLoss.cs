using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Maps discriminator outputs to the two players' losses. Label tricks (smoothing, soft and noisy labels, flips)
/// arrive as <see cref="LabelTargets"/>, so every recipe gets them without knowing them.
/// </summary>
public interface IAdversarialLoss
{
    string Name { get; }

    /// <summary>True for losses that read D's output as a real/fake logit against targets (BCE, minimax, LSGAN);
    /// false for critics (WGAN, hinge), whose outputs are scores and which ignore targets.</summary>
    bool UsesLabels { get; }

    /// <summary>D's loss from its outputs on a real and on a fake batch.</summary>
    Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets);

    /// <summary>G's loss from D's outputs on G's fakes.</summary>
    Tensor Generator(Tensor fakeLogits);
}
