using SharpGan.Compute;
using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// Adaptive discriminator augmentation (Karras et al., NeurIPS 2020; StyleGAN2-ADA's 'bgc' pipeline): every image D
/// sees, real or fake, goes through x-flip, 90° rotations, integer translation, isotropic scaling, rotation,
/// anisotropic scaling and fractional translation (one resampling), then brightness, contrast, luma flip, hue and
/// saturation (one colour matrix), each transform applied per sample with probability p. While p stays below
/// about 0.8 the clean pictures remain the most likely source of what D sees, so G is not taught to produce augmented
/// ones (the paper's measurement); all of it is differentiable, so G learns through it.
/// </summary>
internal static class AdaptiveAugment
{
    /// <summary>The augmented batch in the input's dtype and layout; at p = 0 the input itself, drawing nothing
    /// from the random generator.</summary>
    public static Tensor Apply(Tensor images, double p)
    {
        if (p == 0) return images;
        // Its intermediates go with this scope; autograd keeps what the backward needs (AdaGeometry.Sample says why).
        using var scope = NewDisposeScope();
        // In fp32 whatever the compute policy: bf16 would round the sampling grid to a third of a pixel.
        var x = ComputePolicy.Fp32(images);
        long b = x.shape[0], h = x.shape[2], w = x.shape[3];
        // The per-sample draws are made on the CPU (B×3×3 and B×4×4 matrices) and move with the warp and recolouring,
        // so a seed augments alike on every device.
        x = AdaGeometry.Warp(x, AdaGeometry.Draw(b, p, h, w));
        x = AdaColor.Recolor(x, AdaColor.Draw(b, p));
        if (x.dtype != images.dtype) x = x.to_type(images.dtype);
        return (ComputePolicy.IsChannelsLast(images) ? ComputePolicy.ToChannelsLast(x) : x).MoveToOuterDisposeScope();
    }
}
