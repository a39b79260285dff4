using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Seed 004's discriminator: 5×5 stride-2 convolutions (padding 2 halves the side exactly), each followed by
/// BatchNorm (epsilon 1e-5, momentum 0.1: TensorFlow's decay 0.9; off with <c>model.d_norm</c> none) and
/// LeakyReLU(0.2), the filters doubling per halving as in DCGAN, down to 4 × 4; then flatten → dense → one logit.
/// </summary>
public sealed class Seed004Discriminator(ModelConfig config)
    : DenseHeadDiscriminator(nameof(Seed004Discriminator), config, Body(config))
{
    static (Sequential, long) Body(ModelConfig config)
    {
        var body = nn.Sequential();
        long channels = 3;
        int side = config.ImageSize, i = 0;
        for (; side > 4; side /= 2, i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            long outChannels = DcganLayout.Filters(config.Ndf, config.ImageSize, side / 2, config.MaxMultiplier);
            body.append($"conv{suffix}", PolicyConv.Conv2d(channels, outChannels, 5, 2, 2));
            if (config.DNorm == "batch")
                body.append($"bn{suffix}", new SafeBatchNorm2d(outChannels));
            body.append($"lrelu{suffix}", nn.LeakyReLU(0.2, inplace: true));
            channels = outChannels;
        }
        return (body, channels * side * side);
    }
}
