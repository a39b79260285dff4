using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The anime-face report's image-generation generator: the flattened noise through dense(1024) → ReLU → dense(C·16·16) →
/// BatchNorm per feature → ReLU (→ dropout), reshaped to C × 16 × 16, then 4×4 stride-2 transposed convolutions
/// (BatchNorm, ReLU, dropout) up to the image size and a 3×3 convolution to RGB → tanh. The report also put a
/// BatchNorm on the RGB layer; it is left out as in DCGAN (Radford et al.), where BN on G's output made samples
/// oscillate. Dropout is <c>model.g_dropout</c> (the report used 0.5; 0 = none).
/// </summary>
internal sealed class DenseStemGenerator : GeneratorNetwork
{
    /// <summary>The side the dense layers reshape to and the width of the first one, as in the anime-face report.</summary>
    public const int DenseSide = 16, Hidden = 1024;

    readonly Sequential dense, convolutions;
    readonly long channels;

    /// <summary>Channels of the 16 × 16 map the dense layers reshape to.</summary>
    public long StemChannels => channels;

    public DenseStemGenerator(ModelConfig config) : base(nameof(DenseStemGenerator), config)
    {
        int size = config.ImageSize;
        channels = Channels(config, DenseSide);
        dense = nn.Sequential(
            ("dense0", new PolicyLinear(Latent.Channels * Latent.Size * Latent.Size, Hidden)),
            ("relu0", nn.ReLU(inplace: true)),
            ("dense1", new PolicyLinear(Hidden, channels * DenseSide * DenseSide)),
            // F.batch_norm on a B × N input normalises each of the N features: BatchNorm1d, as the anime-face report's BN over its dense output.
            ("bn1", new SafeBatchNorm2d(channels * DenseSide * DenseSide)),
            ("relu1", nn.ReLU(inplace: true)));
        AppendDropout(dense, "1", config);

        convolutions = nn.Sequential();
        long inChannels = channels;
        for (int side = DenseSide * 2, i = 0; side <= size; side *= 2, i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            long outChannels = Channels(config, side);
            convolutions.append($"conv{suffix}", PolicyConv.ConvTranspose2d(inChannels, outChannels, 4, 2, 1));
            convolutions.append($"bn{suffix}", new SafeBatchNorm2d(outChannels));
            convolutions.append($"relu{suffix}", nn.ReLU(inplace: true));
            AppendDropout(convolutions, suffix, config);
            inChannels = outChannels;
        }
        convolutions.append("rgb", PolicyConv.Conv2d(inChannels, 3, 3, 1, 1));
        convolutions.append("tanh", nn.Tanh());
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Filters at a feature map of side <paramref name="side"/>: DCGAN's doubling per halving, at least ngf.</summary>
    static long Channels(ModelConfig m, int side) => m.Ngf * Math.Clamp(m.ImageSize / (2 * side), 1, m.MaxMultiplier);

    static void AppendDropout(Sequential into, string suffix, ModelConfig config)
    {
        if (config.GDropout > 0)
            into.append($"dropout{suffix}", new GeneratorDropout(config.GDropout, config.GDropoutAtSampling));
    }

    public override Tensor forward(Tensor noise)
    {
        var features = dense.forward(noise).view(-1, channels, DenseSide, DenseSide);
        return ComputePolicy.Fp32(convolutions.forward(features));
    }
}
