using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The r3gan generator, after R3GAN's (Huang et al. 2024, "The GAN is dead; long live the GAN!"): the flattened noise
/// (any C×H×W latent, ACGAN's code included) through a dense layer to one gain per channel of a learnt 4 × 4 basis;
/// then per stage a transition (1×1 convolution to the stage's width, low-pass upsampling) and
/// <see cref="R3Layout.BlocksPerStage"/> <see cref="R3ResidualBlock"/>s; a 1×1 convolution to RGB; no normalisation.
/// R3GAN leaves the output unbounded; the tanh here keeps SharpGan's [-1, 1] contract (pictures, metrics and the
/// recipes' EMA copy rely on it) with a gradient everywhere, where clamping would stop it at saturated pixels.
/// </summary>
internal sealed class R3Generator : GeneratorNetwork
{
    readonly PolicyLinear gains;
    readonly Parameter basis;
    readonly Sequential stages;
    readonly PolicyConv toRgb;
    readonly long basisChannels;

    /// <summary>The learnt 4 × 4 basis, C × 4 × 4, that the noise's per-channel gains scale.</summary>
    public Parameter Basis => basis;

    public R3Generator(ModelConfig config) : base(nameof(R3Generator), config)
    {
        var sides = R3Layout.Sides(config.ImageSize);
        int totalBlocks = R3Layout.TotalBlocks(config.ImageSize);
        basisChannels = R3Layout.Width(config.Ngf, config, 4);
        gains = MsrInit.Apply(new PolicyLinear(Latent.Channels * Latent.Size * Latent.Size, basisChannels));
        basis = new Parameter(randn(basisChannels, 4, 4));
        stages = nn.Sequential();
        long channels = basisChannels;
        foreach (var side in sides)
        {
            var stage = nn.Sequential();
            long width = R3Layout.Width(config.Ngf, config, side);
            if (side > 4)
            {
                // Width first, then upsampling: the 1×1 convolution runs at the smaller side.
                if (width != channels)
                    stage.append("transition", MsrInit.Apply(PolicyConv.Conv2d(channels, width, 1, 1, 0)));
                stage.append("upsample", LowPassResample.Up());
            }
            for (int b = 0; b < R3Layout.BlocksPerStage; b++)
                stage.append($"block{b.ToString(CultureInfo.InvariantCulture)}", new R3ResidualBlock(width, totalBlocks));
            stages.append($"stage{side.ToString(CultureInfo.InvariantCulture)}", stage);
            channels = width;
        }
        toRgb = MsrInit.Apply(PolicyConv.Conv2d(channels, 3, 1, 1, 0));
        RegisterComponents();
    }

    /// <summary>Images in [-1, 1], fp32 whatever the compute policy.</summary>
    public override Tensor forward(Tensor noise)
    {
        var perChannel = gains.forward(noise);
        var x = basis.to_type(perChannel.dtype).view(1, basisChannels, 4, 4).mul(perChannel.view(-1, basisChannels, 1, 1));
        return ComputePolicy.Fp32(toRgb.forward(stages.forward(x))).tanh();
    }
}
