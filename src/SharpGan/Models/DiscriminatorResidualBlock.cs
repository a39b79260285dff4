using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// The residual block of the anime-face report's ACGAN discriminator: LeakyReLU(x + conv(LeakyReLU(conv(x)))), two 3×3
/// convolutions at stride 1 keeping the channels, slope 0.2, no normalisation (as the report lists none; it also
/// leaves D free for a per-sample gradient penalty).
/// </summary>
internal sealed class DiscriminatorResidualBlock : nn.Module<Tensor, Tensor>
{
    const double Slope = 0.2;

    readonly PolicyConv conv1, conv2;

    public DiscriminatorResidualBlock(long channels) : base(nameof(DiscriminatorResidualBlock))
    {
        conv1 = PolicyConv.Conv2d(channels, channels, 3, 1, 1);
        conv2 = PolicyConv.Conv2d(channels, channels, 3, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        F.leaky_relu(x.add(conv2.forward(F.leaky_relu(conv1.forward(x), Slope))), Slope);
}
