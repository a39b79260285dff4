using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// R3GAN's resampling (after StyleGAN2's upfirdn2d): doubling or halving the side through the separable low-pass
/// filter [1, 3, 3, 1]/8 (its [1, 2, 1] convolved with [1, 1]), applied to each channel apart, so it aliases less
/// than a strided or transposed convolution and has nothing to learn.
/// </summary>
internal sealed class LowPassResample : nn.Module<Tensor, Tensor>
{
    readonly bool up;

    LowPassResample(bool up) : base(up ? "LowPassUpsample" : "LowPassDownsample") => this.up = up;

    public bool IsUp => up;

    public static LowPassResample Up() => new(up: true);
    public static LowPassResample Down() => new(up: false);

    public override Tensor forward(Tensor x)
    {
        long channels = x.shape[1];
        // Made per call, in the activation's dtype, rather than kept as a buffer: a constant has no place in checkpoints.
        var taps = tensor(new float[] { 1, 3, 3, 1 }, dtype: x.dtype, device: x.device);
        var kernel = taps.outer(taps).div(64).view(1, 1, 4, 4).expand(channels, 1, 4, 4);
        // Zero-stuffing for the upsample leaves a quarter of the samples, so its kernel sums to 4 to keep the mean.
        return up
            ? SafeConvolution.ConvTranspose2d(x, kernel.mul(4), stride: 2, padding: 1, groups: channels)
            : SafeConvolution.Conv2d(x, kernel, stride: 2, padding: 1, groups: channels);
    }
}
