using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>Mean and covariance (unbiased, n − 1) of feature vectors, in float64: what the Fréchet distance compares.</summary>
public sealed record FeatureStatistics(Tensor Mean, Tensor Covariance, long Count)
{
    public static FeatureStatistics Of(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"need a matrix of at least 2 feature vectors, got shape [{string.Join(", ", features.shape)}]");
        var x = features.to_type(ScalarType.Float64);
        var mean = x.mean([0]);
        var centred = x.sub(mean);
        return new FeatureStatistics(mean, centred.t().matmul(centred).div(x.shape[0] - 1), x.shape[0]);
    }
}
