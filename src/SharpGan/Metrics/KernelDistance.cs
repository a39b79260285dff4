using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>Mean ± standard deviation over subsets.</summary>
public readonly record struct MeanStd(double Mean, double Std);

/// <summary>
/// The kernel distance (KID, Bińkowski et al. 2018): the unbiased estimate of MMD² between two feature sets with the
/// cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets of equal size drawn without
/// replacement from each set. Unbiased: its expectation is 0 when both sets come from one distribution.
/// </summary>
public static class KernelDistance
{
    public static MeanStd Compute(Tensor a, Tensor b, int subsets = 100, int subsetSize = 1000, long seed = 0)
    {
        using var scope = NewDisposeScope();
        var x = a.to_type(ScalarType.Float64);
        var y = b.to_type(ScalarType.Float64);
        int m = (int)Math.Min(subsetSize, Math.Min(x.shape[0], y.shape[0]));
        if (m < 2) throw new ArgumentException("KID needs at least 2 feature vectors in each set");
        using var generator = new Generator((ulong)seed);
        var values = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            var xs = x.index_select(0, randperm(x.shape[0], generator: generator)[..m]);
            var ys = y.index_select(0, randperm(y.shape[0], generator: generator)[..m]);
            values[s] = UnbiasedMmd2(xs, ys);
        }
        double mean = values.Average();
        double std = subsets > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (subsets - 1)) : 0;
        return new MeanStd(mean, std);
    }

    /// <summary>
    /// MMD²ᵤ = Σ_{i≠j} k(xᵢ,xⱼ)/(m(m−1)) + Σ_{i≠j} k(yᵢ,yⱼ)/(n(n−1)) − 2·Σ_{i,j} k(xᵢ,yⱼ)/(mn), for m vectors x
    /// and n vectors y of one dimension (each set needs at least 2).
    /// </summary>
    public static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        long m = x.shape[0], n = y.shape[0], d = x.shape[1];
        if (m < 2 || n < 2) throw new ArgumentException($"MMD² needs at least 2 vectors in each set, got {m} and {n}");
        if (y.shape[1] != d) throw new ArgumentException($"MMD² needs vectors of one dimension, got {d} and {y.shape[1]}");
        using var scope = NewDisposeScope();
        Tensor Kernel(Tensor p, Tensor q) => p.matmul(q.t()).div(d).add(1).pow(3);
        var kxx = Kernel(x, x);
        var kyy = Kernel(y, y);
        double offDiagonalX = kxx.sum().item<double>() - kxx.diagonal().sum().item<double>();
        double offDiagonalY = kyy.sum().item<double>() - kyy.diagonal().sum().item<double>();
        double cross = Kernel(x, y).sum().item<double>();
        return offDiagonalX / (m * (m - 1.0)) + offDiagonalY / (n * (n - 1.0)) - 2 * cross / ((double)m * n);
    }
}
