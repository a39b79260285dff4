using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>DCGAN generator: transposed convolutions with BatchNorm and ReLU (optionally dropout), tanh on the output (no BN there).</summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    readonly Sequential main;

    public ModelConfig Config { get; }
    public LatentShape Latent { get; }
    public IReadOnlyList<ConvLayer> Layers { get; }

    public DcganGenerator(ModelConfig config) : base(nameof(DcganGenerator))
    {
        Config = config;
        Latent = config.LatentShape;
        Layers = DcganLayout.Generator(config);
        main = nn.Sequential();
        for (int i = 0; i < Layers.Count; i++)
        {
            var l = Layers[i];
            main.append($"conv{i}", PolicyConv.ConvTranspose2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding));
            if (i < Layers.Count - 1)
            {
                main.append($"bn{i}", new SafeBatchNorm2d(l.OutChannels));
                main.append($"relu{i}", nn.ReLU(inplace: true));
                if (config.GDropout > 0)
                    main.append($"dropout{i}", new GeneratorDropout(config.GDropout, config.GDropoutAtSampling));
            }
            else
                main.append("tanh", nn.Tanh());
        }
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Images in [-1, 1], fp32 whatever the compute policy.</summary>
    public override Tensor forward(Tensor noise) => ComputePolicy.Fp32(main.forward(noise));

    /// <summary>Standard-normal noise of this generator's latent shape.</summary>
    public Tensor Noise(long batch, Generator? generator = null) => randn(Latent.BatchShape(batch), generator: generator);
}
