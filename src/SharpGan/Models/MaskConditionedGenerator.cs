using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The DCGAN generator of the location-constrained flower GAN: the same transposed convolutions, BatchNorm, ReLU and tanh as
/// <see cref="DcganGenerator"/>, with the object mask appended to the input of every layer. Its input is a
/// <see cref="MaskedLatent"/> (noise and mask packed in one tensor).
/// </summary>
internal sealed class MaskConditionedGenerator : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<nn.Module<Tensor, Tensor>> blocks = new();

    public ModelConfig Config { get; }
    public LatentShape Latent { get; }
    /// <summary>The layers with their real input channels (features + 1 mask channel).</summary>
    public IReadOnlyList<ConvLayer> Layers { get; }

    public MaskConditionedGenerator(ModelConfig config) : base(nameof(MaskConditionedGenerator))
    {
        Config = config;
        Latent = config.LatentShape;
        Layers = MaskConcat.Generator(DcganLayout.Generator(config));
        for (int i = 0; i < Layers.Count; i++)
        {
            var block = nn.Sequential();
            DcganGenerator.AppendLayer(block, "", Layers[i], last: i == Layers.Count - 1, config);
            blocks.Add(block);
        }
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Images in [-1, 1] (fp32) drawn where the packed masks say.</summary>
    public override Tensor forward(Tensor input)
    {
        var (x, masks) = MaskedLatent.Unpack(input, Latent, Config.ImageSize);
        foreach (var block in blocks)
            x = block.forward(MaskConcat.Append(x, masks));
        return ComputePolicy.Fp32(x);
    }

    /// <summary>Standard-normal noise of this generator's latent shape.</summary>
    /// <summary>On the CPU from the seed, then on G's device (as <see cref="GeneratorNetwork.Noise"/>).</summary>
    public Tensor Noise(long batch, Generator? generator = null) => randn(Latent.BatchShape(batch), generator: generator).to(ComputeDevice.Of(this));
}
