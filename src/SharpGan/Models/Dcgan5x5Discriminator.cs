using SharpGan.Config;
using TorchSharp.Modules;

namespace SharpGan.Models;

/// <summary>
/// The car-logo ACGAN's discriminator: 5×5 stride-2 convolutions (padding 2 halves the side exactly), each followed by
/// BatchNorm (epsilon 1e-5, momentum 0.1: TensorFlow's decay 0.9; off with <c>model.d_norm</c> none) and
/// LeakyReLU(0.2), the filters doubling per halving as in DCGAN, down to 4 × 4; then flatten → dense → one logit.
/// </summary>
internal sealed class Dcgan5x5Discriminator(ModelConfig config, int classOutputs = 0)
    : DenseHeadDiscriminator(nameof(Dcgan5x5Discriminator), Body(config), classOutputs)
{
    static (Sequential, long) Body(ModelConfig config) => HalvingBody(config, kernel: 5, stride: 2, padding: 2, maxPool: false);
}
