using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// WGAN (Arjovsky et al. 2017; the bird DCGAN, the anime-face report): the critic maximises E[D(x)] − E[D(G(z))], so minimises
/// E[D(G(z))] − E[D(x)]; G minimises −E[D(G(z))]. Needs a Lipschitz critic: here weight clipping, with the boosted
/// critic schedule that clipping needs (<see cref="WassersteinGpLoss"/> penalises gradients instead).
/// </summary>
internal sealed class WassersteinLoss : IAdversarialLoss
{
    public string Name => "wgan";
    public LossTraits Traits { get; } = new(UsesLabels: false, CriticPace.Boosted, ClipsWeights: true);

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) => Critic(realLogits, fakeLogits);

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.mean().neg();

    internal static Tensor Critic(Tensor realScores, Tensor fakeScores) => fakeScores.mean().sub(realScores.mean());
}
