using SharpGan.Compute;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Pix2pix's discriminator shape: <paramref name="Layers"/> strided 4×4 convolutions (the PatchGAN; 3 gives the
/// paper's 70×70 patches), or 0 for the 1×1 PixelGAN; <paramref name="Norm"/> is batch, instance or none.
/// </summary>
internal sealed record PatchDiscriminatorConfig(int InChannels = 6, int Ndf = 64, int Layers = 3, string Norm = "batch")
{
    /// <summary>The convolutions as (in, out, kernel, stride, padding, normalised), first to last.</summary>
    public IReadOnlyList<(int In, int Out, int Kernel, int Stride, int Padding, bool Norm)> Convolutions()
    {
        if (Layers == 0)   // PixelGAN: 1×1 convolutions judge each pixel alone
            return [(InChannels, Ndf, 1, 1, 0, false), (Ndf, 2 * Ndf, 1, 1, 0, true), (2 * Ndf, 1, 1, 1, 0, false)];
        var list = new List<(int, int, int, int, int, bool)> { (InChannels, Ndf, 4, 2, 1, false) };
        int channels = Ndf;
        for (int n = 1; n < Layers; n++)
        {
            int next = Ndf * Math.Min(1 << n, 8);
            list.Add((channels, next, 4, 2, 1, true));
            channels = next;
        }
        int last = Ndf * Math.Min(1 << Layers, 8);
        list.Add((channels, last, 4, 1, 1, true));
        list.Add((last, 1, 4, 1, 1, false));
        return list;
    }

    /// <summary>The side of the input patch one output sees: r ← (r − 1)·stride + kernel, from the last layer back.</summary>
    public int ReceptiveField() => Convolutions().Reverse().Aggregate(1, (r, c) => (r - 1) * c.Stride + c.Kernel);

    /// <summary>The side of the output grid for an input of side <paramref name="size"/>.</summary>
    public int OutputSide(int size) => Convolutions().Aggregate(size, (s, c) => (s + 2 * c.Padding - c.Kernel) / c.Stride + 1);

    /// <summary>The fewest layers whose patch covers a whole <paramref name="size"/> picture: the paper's "ImageGAN".</summary>
    public static int LayersForWholeImage(int size)
    {
        int layers = 1;
        while (new PatchDiscriminatorConfig(Layers: layers).ReceptiveField() < size) layers++;
        return layers;
    }

    public PatchDiscriminatorConfig Validate()
    {
        if (Layers is < 0 or > 8) throw new ArgumentException($"d-layers {Layers}: allowed 0 (PixelGAN) to 8");
        if (Norm is not ("batch" or "instance" or "none")) throw new ArgumentException($"norm '{Norm}': allowed batch, instance, none");
        if (Ndf < 1) throw new ArgumentException($"ndf {Ndf}: at least 1");
        return this;
    }
}

/// <summary>
/// PatchGAN (Isola et al. 2017): judges every patch of concat(input, picture) as real or fake; the output is a grid
/// of logits, one per patch, so D models high frequencies while the L1 term keeps the low ones.
/// </summary>
internal sealed class PatchDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly Sequential body = nn.Sequential();

    public PatchDiscriminatorConfig Config { get; }

    public PatchDiscriminator(PatchDiscriminatorConfig config) : base(nameof(PatchDiscriminator))
    {
        Config = config.Validate();
        var convolutions = config.Convolutions();
        for (int i = 0; i < convolutions.Count; i++)
        {
            var c = convolutions[i];
            body.append($"conv{i}", PolicyConv.Conv2d(c.In, c.Out, c.Kernel, c.Stride, c.Padding));
            if (i == convolutions.Count - 1) break;
            if (c.Norm && config.Norm == "batch") body.append($"norm{i}", new SafeBatchNorm2d(c.Out));
            if (c.Norm && config.Norm == "instance") body.append($"norm{i}", nn.InstanceNorm2d(c.Out));
            body.append($"lrelu{i}", nn.LeakyReLU(0.2, inplace: true));
        }
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Logits B×1×N×N for concat(input, picture) along channels, fp32.</summary>
    public override Tensor forward(Tensor pair) => ComputePolicy.Fp32(body.forward(pair));
}
