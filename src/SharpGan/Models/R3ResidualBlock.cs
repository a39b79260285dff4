using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// R3GAN's residual block, an inverted bottleneck: x + conv1×1(act(conv3×3 grouped(act(conv1×1(x))))), the inner
/// width <see cref="R3Layout.ExpansionFactor"/>× the outer, act = bias then leaky ReLU(0.2), no normalisation.
/// Fix-up initialisation (Zhang et al. 2019, as R3GAN applies it): the branch's last convolution starts at zero, so a
/// fresh block is the identity, and the two before it are scaled by L^(−1/(2m−2)) (L blocks in the network, m = 3
/// convolutions per branch), so the sum of L branches keeps its variance once they learn.
/// </summary>
internal sealed class R3ResidualBlock : nn.Module<Tensor, Tensor>
{
    const int ConvolutionsPerBranch = 3;
    internal const double Slope = 0.2;

    readonly PolicyConv expand, grouped, project;
    readonly ChannelBias expandBias, groupedBias;

    /// <param name="totalBlocks">L: the blocks of the whole network, not of this stage.</param>
    public R3ResidualBlock(long channels, int totalBlocks) : base(nameof(R3ResidualBlock))
    {
        long inner = channels * R3Layout.ExpansionFactor;
        double gain = MsrInit.LeakyReluGain * Math.Pow(totalBlocks, -1.0 / (2 * ConvolutionsPerBranch - 2));
        expand = MsrInit.Apply(PolicyConv.Conv2d(channels, inner, 1, 1, 0), gain);
        expandBias = new ChannelBias(inner);
        grouped = MsrInit.Apply(PolicyConv.Conv2d(inner, inner, 3, 1, 1, R3Layout.Groups(inner)), gain);
        groupedBias = new ChannelBias(inner);
        project = MsrInit.Apply(PolicyConv.Conv2d(inner, channels, 1, 1, 0), gain: 0);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = F.leaky_relu(expandBias.forward(expand.forward(x)), Slope);
        y = F.leaky_relu(groupedBias.forward(grouped.forward(y)), Slope);
        return x.add(project.forward(y));
    }
}
