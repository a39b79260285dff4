using SharpGan.Config;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Pix2pix's G(x, z): the repository's <see cref="UNet"/> from an input picture to an RGB picture in [-1, 1] (tanh on
/// its logits). Its depth comes from the size — down to 1×1 as in the paper (8 poolings at 256, 6 at 64) — and its
/// innermost decoder levels end in dropout 0.5 that stays on when translating: the paper's only noise z, since G
/// learns to ignore Gaussian noise given with the input.
/// </summary>
internal sealed class Pix2PixGenerator : nn.Module<Tensor, Tensor>
{
    readonly UNet unet;

    public UNetConfig Config => unet.Config;

    public Pix2PixGenerator(ModelConfig model) : base(nameof(Pix2PixGenerator))
    {
        unet = new UNet(Shape(model));
        RegisterComponents();
    }

    /// <summary>The U-Net a model config asks for: RGB in and out, <c>ngf</c> filters at full size.</summary>
    public static UNetConfig Shape(ModelConfig model)
    {
        int depth = model.UNetDepth > 0 ? model.UNetDepth : Math.Min(8, System.Numerics.BitOperations.Log2((uint)model.ImageSize));
        return new UNetConfig(3, 3, depth, model.Ngf, model.Pix2PixNorm, model.MaxMultiplier, Math.Min(model.UNetDropoutLevels, depth));
    }

    /// <summary>Pictures B×3×S×S in [-1, 1] for inputs B×3×S×S in [-1, 1].</summary>
    public override Tensor forward(Tensor input) => unet.forward(input).tanh();
}
