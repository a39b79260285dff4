using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Maps discriminator logits to the two players' losses. Target handling (smoothing, soft labels) lives here, not
/// in recipes, so that every GAN kind gets it for free.
/// </summary>
public interface IAdversarialLoss
{
    string Name { get; }

    /// <summary>D's loss from its logits on a real and on a fake batch.</summary>
    Tensor Discriminator(Tensor realLogits, Tensor fakeLogits);

    /// <summary>G's loss from D's logits on G's fakes.</summary>
    Tensor Generator(Tensor fakeLogits);
}
