using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// The Inception Score (Salimans et al. 2016) of class probabilities p(y|x): exp(E_x KL(p(y|x) ‖ p(y))), computed on
/// <c>splits</c> equal parts and reported as mean ± std. From K classes it lies in [1, K]: K when each sample is
/// confidently one class and the classes are used evenly, 1 when every output is the same distribution.
/// </summary>
public static class InceptionScore
{
    public static MeanStd Compute(Tensor probabilities, int splits = 10)
    {
        using var scope = NewDisposeScope();
        var p = probabilities.to_type(ScalarType.Float64);
        long n = p.shape[0];
        splits = (int)Math.Max(1, Math.Min(splits, n));
        var scores = new double[splits];
        for (int s = 0; s < splits; s++)
        {
            var part = p.narrow(0, s * n / splits, (s + 1) * n / splits - s * n / splits);
            var marginal = part.mean([0], keepdim: true);
            // 0·log 0 = 0: xlogy gives it where log would give NaN.
            var kl = xlogy(part, part).sub(xlogy(part, marginal)).sum(1);
            scores[s] = Math.Exp(kl.mean().item<double>());
        }
        double mean = scores.Average();
        double std = splits > 1 ? Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / splits) : 0;
        return new MeanStd(mean, std);
    }
}
