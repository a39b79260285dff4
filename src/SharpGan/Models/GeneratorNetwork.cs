using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// What a recipe needs of a generator, whatever its architecture: noise of its latent shape in, fp32 images in
/// [-1, 1] of B × 3 × image_size × image_size out, and the config it was built from (for a fresh copy).
/// </summary>
public abstract class GeneratorNetwork(string name, ModelConfig config) : nn.Module<Tensor, Tensor>(name)
{
    public ModelConfig Config { get; } = config;
    public LatentShape Latent => Config.LatentShape;

    /// <summary>Standard-normal noise of this generator's latent shape.</summary>
    /// <summary>Drawn on the CPU, where the seed's generator lives, then moved to G's device: a seed gives the same
    /// noise on every device.</summary>
    public Tensor Noise(long batch, Generator? generator = null) => randn(Latent.BatchShape(batch), generator: generator).to(ComputeDevice.Of(this));
}
