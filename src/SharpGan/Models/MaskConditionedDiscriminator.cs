using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The DCGAN discriminator of the flower GAN, judging an (image, mask) pair: the layers of <see cref="DcganDiscriminator"/>,
/// with the mask appended to the inputs whose side is in <c>model.mask_d_sizes</c>. It learns to reject fakes and
/// pictures whose object is not where the mask says.
/// </summary>
internal sealed class MaskConditionedDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly ModuleList<nn.Module<Tensor, Tensor>> blocks = new();
    readonly bool[] takesMask;

    /// <summary>The layers with their real input channels (+1 where the mask joins); the last is the 4×4 head.</summary>
    public IReadOnlyList<ConvLayer> Layers { get; }

    public MaskConditionedDiscriminator(ModelConfig config) : base(nameof(MaskConditionedDiscriminator))
    {
        var plain = DcganLayout.Discriminator(config);
        var sizes = config.MaskDSizeList;
        Layers = MaskConcat.Discriminator(plain, sizes);
        takesMask = plain.Select(l => sizes.Contains(l.InSize)).ToArray();
        for (int i = 0; i < Layers.Count; i++)
        {
            var block = nn.Sequential(("conv", DcganDiscriminator.Convolution(Layers[i], config.SpectralNorm)));
            if (i < Layers.Count - 1)
            {
                if (i > 0 && config.DNorm == "batch")
                    block.append("bn", new SafeBatchNorm2d(Layers[i].OutChannels));
                block.append("lrelu", nn.LeakyReLU(0.2, inplace: true));
            }
            blocks.Add(block);
        }
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>One output per (image, mask) pair, shape [B], fp32.</summary>
    public override Tensor forward(Tensor images, Tensor masks)
    {
        var x = images;
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].forward(takesMask[i] ? MaskConcat.Append(x, masks) : x);
        return ComputePolicy.Fp32(x).view(-1);
    }
}
