using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Seed 003's image-generation discriminator, made to reach 4 × 4 at any size: blocks of a 3×3 convolution,
/// BatchNorm (<c>model.d_norm</c> batch; the seed normalised every block), LeakyReLU(0.2) and 2×2 max-pooling,
/// the filters doubling per halving of the side as in DCGAN; then flatten → dense → one logit. (The seed's
/// unpadded 4×4 convolutions and one pooling left 21 × 21 × 256 for its dense layer: 113k weights on one logit.)
/// </summary>
public sealed class Seed003PoolingDiscriminator(ModelConfig config)
    : DenseHeadDiscriminator(nameof(Seed003PoolingDiscriminator), config, Body(config))
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
            body.append($"conv{suffix}", PolicyConv.Conv2d(channels, outChannels, 3, 1, 1));
            if (config.DNorm == "batch")
                body.append($"bn{suffix}", new SafeBatchNorm2d(outChannels));
            body.append($"lrelu{suffix}", nn.LeakyReLU(0.2, inplace: true));
            body.append($"pool{suffix}", nn.MaxPool2d(2));
            channels = outChannels;
        }
        return (body, channels * side * side);
    }
}
