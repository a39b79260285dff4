using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// WGAN-GP (Gulrajani et al. 2017): <see cref="WassersteinLoss"/>'s critic and generator losses with the critic kept
/// Lipschitz by <see cref="GradientPenalty"/> instead of clipping, at the paper's plain 5 critic steps per G step.
/// </summary>
internal sealed class WassersteinGpLoss : IAdversarialLoss
{
    public string Name => "wgan-gp";
    public LossTraits Traits { get; } = new(UsesLabels: false, CriticPace.Fixed, GradientPenalty: true);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) => WassersteinLoss.Critic(realLogits, fakeLogits);

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.mean().neg();
}
