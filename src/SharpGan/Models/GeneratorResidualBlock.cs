using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// SRResNet's residual block (Ledig et al. 2017; the anime-face report's ACGAN generator): x + BN(conv(ReLU(BN(conv(x))))),
/// 3×3 convolutions at stride 1 keeping the channels. No activation after the second BatchNorm, as in SRResNet, so
/// the branch can also subtract from x (the report's summary puts a ReLU on both; that branch could only add).
/// </summary>
internal sealed class GeneratorResidualBlock : nn.Module<Tensor, Tensor>
{
    readonly PolicyConv conv1, conv2;
    readonly SafeBatchNorm2d bn1, bn2;

    public GeneratorResidualBlock(long channels) : base(nameof(GeneratorResidualBlock))
    {
        conv1 = PolicyConv.Conv2d(channels, channels, 3, 1, 1);
        bn1 = new SafeBatchNorm2d(channels);
        conv2 = PolicyConv.Conv2d(channels, channels, 3, 1, 1);
        bn2 = new SafeBatchNorm2d(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        x.add(bn2.forward(conv2.forward(nn.functional.relu(bn1.forward(conv1.forward(x))))));
}
