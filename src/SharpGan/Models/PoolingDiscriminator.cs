using SharpGan.Config;
using TorchSharp.Modules;

namespace SharpGan.Models;

/// <summary>
/// The anime-face report's image-generation discriminator, made to reach 4 × 4 at any size: blocks of a 3×3 convolution,
/// BatchNorm (<c>model.d_norm</c> batch; the report normalised every block), LeakyReLU(0.2) and 2×2 max-pooling,
/// the filters doubling per halving of the side as in DCGAN; then flatten → dense → one logit. (The report's
/// unpadded 4×4 convolutions and one pooling left 21 × 21 × 256 for its dense layer: 113k weights on one logit.)
/// </summary>
internal sealed class PoolingDiscriminator(ModelConfig config, int classOutputs = 0)
    : DenseHeadDiscriminator(nameof(PoolingDiscriminator), Body(config), classOutputs)
{
    static (Sequential, long) Body(ModelConfig config) => HalvingBody(config, kernel: 3, stride: 1, padding: 1, maxPool: true);
}
