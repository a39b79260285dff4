using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The car-logo ACGAN's generator: the flattened noise through dense(4·4·C) → reshape to C × 4 × 4 → BatchNorm → ReLU, then
/// 5×5 stride-2 transposed convolutions halving the filters and doubling the side up to the image size, each but
/// the last followed by BatchNorm and ReLU; tanh on the output. C follows DCGAN's rule (8·ngf at 64 px).
/// The car-logo ACGAN's BatchNorm is TensorFlow's epsilon 1e-5, decay 0.9, which is PyTorch's momentum 0.1: SafeBatchNorm2d's defaults.
/// </summary>
internal sealed class Dcgan5x5Generator : GeneratorNetwork
{
    internal const int StartSide = 4;

    readonly PolicyLinear dense;
    readonly Sequential convolutions;
    readonly long channels;

    /// <summary>Channels of the 4 × 4 map the dense layer reshapes to.</summary>
    public long StemChannels => channels;

    public Dcgan5x5Generator(ModelConfig config) : base(nameof(Dcgan5x5Generator), config)
    {
        int size = config.ImageSize;
        channels = DcganLayout.Filters(config.Ngf, size, StartSide, config.MaxMultiplier);
        dense = new PolicyLinear(Latent.Channels * Latent.Size * Latent.Size, channels * StartSide * StartSide);
        convolutions = nn.Sequential(("bn", new SafeBatchNorm2d(channels)), ("relu", nn.ReLU(inplace: true)));
        long inChannels = channels;
        for (int side = StartSide * 2, i = 0; side <= size; side *= 2, i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            bool last = side == size;
            long outChannels = last ? 3 : DcganLayout.Filters(config.Ngf, size, side, config.MaxMultiplier);
            // Padding 2 and output padding 1: a 5×5 kernel at stride 2 doubles the side exactly (TensorFlow's "same").
            convolutions.append($"conv{suffix}", PolicyConv.ConvTranspose2d(inChannels, outChannels, 5, 2, 2, outputPadding: 1));
            if (!last)
            {
                convolutions.append($"bn{suffix}", new SafeBatchNorm2d(outChannels));
                convolutions.append($"relu{suffix}", nn.ReLU(inplace: true));
            }
            inChannels = outChannels;
        }
        convolutions.append("tanh", nn.Tanh());
        RegisterComponents();
        DcganInit.Apply(this);
    }

    public override Tensor forward(Tensor noise) =>
        ComputePolicy.Fp32(convolutions.forward(dense.forward(noise).view(-1, channels, StartSide, StartSide)));
}
