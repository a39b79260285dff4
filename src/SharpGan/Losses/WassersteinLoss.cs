using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// WGAN (Arjovsky et al. 2017; seeds 002/003): the critic maximises E[D(x)] − E[D(G(z))], so minimises
/// E[D(G(z))] − E[D(x)]; G minimises −E[D(G(z))]. Needs a Lipschitz critic: weight clipping (<c>wgan</c>) or a
/// gradient penalty (<c>wgan-gp</c>, the same loss plus <see cref="GradientPenalty"/>).
/// </summary>
public sealed class WassersteinLoss(string name = "wgan") : IAdversarialLoss
{
    public string Name => name;
    public bool UsesLabels => false;

    public Tensor Discriminator(Tensor realLogits, Tensor fakeLogits, LabelTargets targets) =>
        fakeLogits.mean().sub(realLogits.mean());

    public Tensor Generator(Tensor fakeLogits) => fakeLogits.mean().neg();
}
