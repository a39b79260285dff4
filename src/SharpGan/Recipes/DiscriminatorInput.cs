using SharpGan.Data.Augment;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// What every image goes through on its way into D, real or fake alike: DiffAugment (Zhao et al. 2020) or adaptive
/// augmentation at the current p (Karras et al. 2020), and then instance noise of the current σ (the flower GAN). All
/// are differentiable, so G learns through them.
/// </summary>
public sealed class DiscriminatorInput(DiffAugment augment)
{
    /// <summary>Instance-noise σ, set by the trainer at each epoch start.</summary>
    public double NoiseSigma { get; set; }

    /// <summary>The run's D step about to start, counted from 0, set by the trainer before each D phase: lazy
    /// regularisation (<c>tricks.r_interval</c>) applies R1/R2 on every N-th.</summary>
    public long DStep { get; set; }

    /// <summary>ADA's augmentation probability, set by the trainer before each step; 0 (ADA off) skips it.</summary>
    public double AdaP { get; set; }

    public Tensor Apply(Tensor images)
    {
        using var _ = Compute.StepProfile.Time("of which (in D's inputs): augmentation");
        var x = AdaptiveAugment.Apply(augment.Apply(images), AdaP);
        return NoiseSigma > 0 ? x.add(randn_like(x).mul_(NoiseSigma)) : x;
    }
}
