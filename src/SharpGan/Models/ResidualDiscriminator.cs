using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The anime-face report's ACGAN discriminator, scaled to the image size: a 4×4 stride-2 stem to ndf filters, then per stage
/// <see cref="BlocksPerStage"/> residual blocks and a 4×4 stride-2 convolution doubling the filters (up to
/// ndf·max_multiplier), LeakyReLU(0.2) after each convolution, down to 4 × 4; then flatten → dense → one logit
/// (and the class head). The report (96 px, ndf 32) ran 2 blocks then 4 per stage up to 1024 filters; 2 per stage
/// keeps a 64-px D near the DCGAN one in cost on a CPU.
/// </summary>
internal sealed class ResidualDiscriminator(ModelConfig config, int classOutputs = 0)
    : DenseHeadDiscriminator(nameof(ResidualDiscriminator), Body(config), classOutputs)
{
    public const int BlocksPerStage = 2;

    static (Sequential, long) Body(ModelConfig config)
    {
        var body = nn.Sequential(
            ("stem", PolicyConv.Conv2d(3, config.Ndf, 4, 2, 1)),
            ("stem_lrelu", nn.LeakyReLU(0.2, inplace: true)));
        long channels = config.Ndf, widest = (long)config.Ndf * config.MaxMultiplier;
        int side = config.ImageSize / 2;
        for (int stage = 0; side > 4; side /= 2, stage++)
        {
            var suffix = stage.ToString(CultureInfo.InvariantCulture);
            for (int b = 0; b < BlocksPerStage; b++)
                body.append($"stage{suffix}_block{b.ToString(CultureInfo.InvariantCulture)}", new DiscriminatorResidualBlock(channels));
            long outChannels = Math.Min(channels * 2, widest);
            body.append($"stage{suffix}_down", PolicyConv.Conv2d(channels, outChannels, 4, 2, 1));
            body.append($"stage{suffix}_lrelu", nn.LeakyReLU(0.2, inplace: true));
            channels = outChannels;
        }
        return (body, channels * side * side);
    }
}
