using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.TaskEvaluation;

/// <summary>One held-out pair's L1 between G's output and the target (images in [-1, 1], mean over pixels and channels).</summary>
public sealed record PairScore(string File, double L1);

/// <summary>
/// How well a pix2pix generator does on held-out pairs: the L1 it was trained to lower, the trivial baseline of
/// the mean training target, and — with a backbone — the Fréchet and kernel distances between outputs and targets
/// (a feature distance of the named backbone: not FID unless the backbone is the FID Inception).
/// </summary>
public sealed record TranslationReport(string Data, int Pairs, double L1, double? MeanTargetL1, string? Backbone,
    double? FeatureFrechet, double? FeatureKernel, IReadOnlyList<PairScore> PerPair)
{
    /// <param name="meanOf">Training pairs whose mean target is the baseline; null skips it.</param>
    public static TranslationReport Measure(Sampler sampler, string data, PairedSet pairs, PairedSet? meanOf, IFeatureBackbone? backbone, long seed)
    {
        using var scope = NewDisposeScope();
        var inputs = pairs.Inputs.AsTensor();
        var targets = pairs.Targets.AsTensor();
        var outputs = cat(sampler.Translate(inputs, seed).Select(make => make().to_type(ScalarType.Float32)).ToList(), 0);
        var perPair = outputs.sub(targets).abs().mean([1, 2, 3]).to_type(ScalarType.Float64).data<double>().ToArray();
        double? baseline = meanOf is null ? null
            : meanOf.Targets.AsTensor().mean([0], keepdim: true).sub(targets).abs().mean().item<float>();
        double? fd = null, kd = null;
        if (backbone is not null)
        {
            var fake = FeatureExtractor.Extract(backbone, [() => outputs]).Features;
            var real = FeatureExtractor.Extract(backbone, [() => targets]).Features;
            fd = Metrics.FrechetDistance.Compute(real, fake);
            // The unbiased estimate needs two pairs; with one it has no value rather than a division by zero.
            kd = pairs.Count >= 2 ? Metrics.KernelDistance.UnbiasedMmd2(real, fake) : null;
        }
        var files = pairs.Targets.Paths.Select(p => Path.GetRelativePath(data, p)).ToList();
        return new TranslationReport(data, pairs.Count, perPair.Average(), baseline, backbone?.Name, fd, kd,
            files.Select((f, i) => new PairScore(f, perPair[i])).ToList());
    }
}
