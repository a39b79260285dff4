using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>
/// The networks as a whole, each written as its forward pass is: generators from their noise (a mask generator
/// reads the context's mask too), the U-Net, and the domain classifier's trunk.
/// </summary>
internal static class GeneratorExports
{
    public static void Register()
    {
        OnnxModules.Register<DcganGenerator>((m, x, c) => c.RunChild(m, "main", x));
        OnnxModules.Register<DenseStemGenerator>((m, x, c) =>
            c.RunChild(m, "convolutions", c.Graph.Reshape(c.RunChild(m, "dense", x), m.StemChannels, DenseStemGenerator.DenseSide, DenseStemGenerator.DenseSide)));
        OnnxModules.Register<Dcgan5x5Generator>((m, x, c) =>
            c.RunChild(m, "convolutions", c.Graph.Reshape(c.RunChild(m, "dense", x), m.StemChannels, Dcgan5x5Generator.StartSide, Dcgan5x5Generator.StartSide)));
        OnnxModules.Register<SrResNetGenerator>((m, x, c) =>
        {
            var y = c.RunChild(m, "stem", c.Graph.Reshape(c.RunChild(m, "dense", x), m.StemChannels, m.StemSide, m.StemSide));
            return c.RunChild(m, "output", c.RunChild(m, "upscale", c.RunChild(m, "residual", y)));
        });
        OnnxModules.Register<R3Generator>(R3);
        OnnxModules.Register<MaskConditionedGenerator>(MaskConditioned);
        OnnxModules.Register<Pix2PixGenerator>((m, x, c) => c.Graph.Tanh(c.RunChild(m, "unet", x)));
        OnnxModules.Register<UNet>(UNet);
    }

    static OnnxValue R3(R3Generator m, OnnxValue noise, ExportContext c)
    {
        long channels = m.Basis.shape[0];
        var gains = c.Graph.Reshape(c.RunChild(m, "gains", noise), channels, 1, 1);
        string basis;
        using (NewDisposeScope())
            basis = c.Graph.Weight("basis", m.Basis.view(1, channels, 4, 4));
        var x = c.Graph.Mul(gains, basis, [-1, channels, 4, 4]);
        return c.Graph.Tanh(c.RunChild(m, "toRgb", c.RunChild(m, "stages", x)));
    }

    /// <summary>The mask, area-averaged to each block's side, joins that block's input (MaskConcat.Append).</summary>
    static OnnxValue MaskConditioned(MaskConditionedGenerator m, OnnxValue noise, ExportContext c)
    {
        var mask = c.Mask ?? throw new OnnxExportException($"{c.Network}: a mask-conditioned generator exports with a mask input");
        var blocks = c.Child(m, "blocks");
        var x = noise;
        foreach (var (name, block) in blocks.named_children())
        {
            var shrunk = mask.Height == x.Height ? mask : c.Graph.AveragePool(mask, mask.Height / x.Height);
            x = c.Run(block, "blocks." + name, c.Graph.Concat(x, shrunk));
        }
        return x;
    }

    static OnnxValue UNet(UNet m, OnnxValue input, ExportContext c)
    {
        int depth = m.Config.Depth;
        m.Config.CheckInput(input.Height, input.Width);
        var encoder = c.Child(m, "encoder");
        var upsample = c.Child(m, "upsample");
        var decoder = c.Child(m, "decoder");
        var skips = new OnnxValue[depth];
        var x = input;
        for (int level = 0; level < depth; level++)
        {
            skips[level] = c.Run(c.Child(encoder, Name(level)), $"encoder.{level}", x);
            x = c.Graph.MaxPool(skips[level], 2);
        }
        x = c.RunChild(m, "bottleneck", x);
        for (int level = depth - 1; level >= 0; level--)
        {
            var up = c.Run(c.Child(upsample, Name(level)), $"upsample.{level}", x);
            x = c.Run(c.Child(decoder, Name(level)), $"decoder.{level}", c.Graph.Concat(skips[level], up));
        }
        return c.RunChild(m, "headBias", c.RunChild(m, "head", x));
    }

    static string Name(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
