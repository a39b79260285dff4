using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The anime-face report's ACGAN generator, after SRResNet (Ledig et al. 2017): the flattened noise through dense(ngf·S·S),
/// S = image_size / 8, reshaped → BatchNorm → ReLU; <c>model.residual_blocks</c> residual blocks at ngf filters;
/// three upscaling blocks (3×3 convolution to 4·ngf, PixelShuffle(2) back to ngf at twice the side, BatchNorm, ReLU);
/// a 9×9 convolution to RGB → tanh. The report: ngf 64, 16 blocks, 96 px from 12 × 12.
/// </summary>
internal sealed class SrResNetGenerator : GeneratorNetwork
{
    /// <summary>Each upscaling block doubles the side; the report's three take 12 px to 96.</summary>
    public const int UpscaleBlocks = 3;

    readonly PolicyLinear dense;
    readonly Sequential stem, residual, upscale, output;
    readonly long channels;
    readonly int side;

    /// <summary>Channels and side of the map the dense layer reshapes to.</summary>
    public long StemChannels => channels;
    public int StemSide => side;

    public SrResNetGenerator(ModelConfig config) : base(nameof(SrResNetGenerator), config)
    {
        channels = config.Ngf;
        side = config.ImageSize >> UpscaleBlocks;
        dense = new PolicyLinear(Latent.Channels * Latent.Size * Latent.Size, channels * side * side);
        stem = nn.Sequential(("bn", new SafeBatchNorm2d(channels)), ("relu", nn.ReLU(inplace: true)));
        residual = nn.Sequential();
        for (int i = 0; i < config.ResidualBlocks; i++)
            residual.append($"block{i.ToString(CultureInfo.InvariantCulture)}", new GeneratorResidualBlock(channels));
        upscale = nn.Sequential();
        for (int i = 0; i < UpscaleBlocks; i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            upscale.append($"conv{suffix}", PolicyConv.Conv2d(channels, channels * 4, 3, 1, 1));
            upscale.append($"shuffle{suffix}", nn.PixelShuffle(2));
            upscale.append($"bn{suffix}", new SafeBatchNorm2d(channels));
            upscale.append($"relu{suffix}", nn.ReLU(inplace: true));
        }
        output = nn.Sequential(("conv", PolicyConv.Conv2d(channels, 3, 9, 1, 4)), ("tanh", nn.Tanh()));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    public override Tensor forward(Tensor noise)
    {
        var x = stem.forward(dense.forward(noise).view(-1, channels, side, side));
        return ComputePolicy.Fp32(output.forward(upscale.forward(residual.forward(x))));
    }
}
