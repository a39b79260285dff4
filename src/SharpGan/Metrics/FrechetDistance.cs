using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017; "FID" only when the
/// features are the FID Inception's pool3): ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2·√(Σ₁Σ₂)).
/// </summary>
public static class FrechetDistance
{
    public static double Compute(FeatureStatistics a, FeatureStatistics b)
    {
        using var scope = NewDisposeScope();
        double meanTerm = a.Mean.sub(b.Mean).square().sum().item<double>();
        double traces = a.Covariance.trace().item<double>() + b.Covariance.trace().item<double>();
        return Math.Max(0, meanTerm + traces - 2 * SymmetricMatrix.TraceSqrtOfProduct(a.Covariance, b.Covariance));
    }

    public static double Compute(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return Compute(FeatureStatistics.Of(a), FeatureStatistics.Of(b));
    }
}
