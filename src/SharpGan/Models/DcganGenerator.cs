using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>DCGAN generator: transposed convolutions with BatchNorm and ReLU (optionally dropout), tanh on the output (no BN there).</summary>
internal sealed class DcganGenerator : GeneratorNetwork
{
    readonly Sequential main;

    public IReadOnlyList<ConvLayer> Layers { get; }

    public DcganGenerator(ModelConfig config) : base(nameof(DcganGenerator), config)
    {
        Layers = DcganLayout.Generator(config);
        main = nn.Sequential();
        for (int i = 0; i < Layers.Count; i++)
            AppendLayer(main, i.ToString(System.Globalization.CultureInfo.InvariantCulture), Layers[i], last: i == Layers.Count - 1, config);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>
    /// One layer of a DCGAN generator into <paramref name="into"/>: the transposed convolution, then BatchNorm, ReLU and
    /// the optional dropout, or tanh after the last. Modules are named <c>conv{suffix}</c>, <c>bn{suffix}</c>, … (the
    /// state-dict keys of every checkpoint).
    /// </summary>
    internal static void AppendLayer(Sequential into, string suffix, ConvLayer l, bool last, ModelConfig config)
    {
        into.append($"conv{suffix}", PolicyConv.ConvTranspose2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding));
        if (last)
        {
            into.append("tanh", nn.Tanh());
            return;
        }
        into.append($"bn{suffix}", new SafeBatchNorm2d(l.OutChannels));
        into.append($"relu{suffix}", nn.ReLU(inplace: true));
        if (config.GDropout > 0)
            into.append($"dropout{suffix}", new GeneratorDropout(config.GDropout, config.GDropoutAtSampling));
    }

    /// <summary>Images in [-1, 1], fp32 whatever the compute policy.</summary>
    public override Tensor forward(Tensor noise) => ComputePolicy.Fp32(main.forward(noise));
}
