using SharpGan.Metrics;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

/// <summary>The metrics against closed forms and their defining properties, on features with known distributions.</summary>
public class MetricTests
{
    static Tensor Gaussian(long n, long d, double mean, double std, ulong seed)
    {
        using var generator = new Generator(seed);
        return randn([n, d], dtype: ScalarType.Float64, generator: generator).mul(std).add(mean);
    }

    [Fact]
    public void Matrix_square_root_of_a_known_spd_matrix()
    {
        // [[5, 4], [4, 5]] = R², R = [[2, 1], [1, 2]].
        var a = tensor(new double[] { 5, 4, 4, 5 }).reshape(2, 2);
        var root = SymmetricMatrix.Sqrt(a);
        Assert.True(root.allclose(tensor(new double[] { 2, 1, 1, 2 }).reshape(2, 2), atol: 1e-12));
        // tr √(A·B) with B = I is tr √A = 4.
        Assert.Equal(4.0, SymmetricMatrix.TraceSqrtOfProduct(a, eye(2, dtype: ScalarType.Float64)), 10);
    }

    [Fact]
    public void Frechet_distance_of_a_set_to_itself_is_zero()
    {
        var x = Gaussian(500, 16, 0, 1, 1);
        Assert.True(FrechetDistance.Compute(x, x) < 1e-3);
    }

    [Fact]
    public void Frechet_distance_of_two_gaussians_equals_the_closed_form()
    {
        // N(μ₁, σ₁²I) vs N(μ₂, σ₂²I) in d dimensions: d·(μ₁ − μ₂)² + d·(σ₁ − σ₂)². Given as exact statistics.
        int d = 8;
        var a = new FeatureStatistics(full(d, 1.0, dtype: ScalarType.Float64), eye(d, dtype: ScalarType.Float64).mul(4), 1000);
        var b = new FeatureStatistics(full(d, 3.0, dtype: ScalarType.Float64), eye(d, dtype: ScalarType.Float64).mul(9), 1000);
        Assert.Equal(d * 4.0 + d * 1.0, FrechetDistance.Compute(a, b), 9);
        // And from samples it comes close to the same number.
        Assert.Equal(d * 4.0 + d * 1.0, FrechetDistance.Compute(Gaussian(20_000, d, 1, 2, 2), Gaussian(20_000, d, 3, 3, 3)), 0);
    }

    [Fact]
    public void Frechet_and_kernel_distances_grow_as_more_noise_is_added()
    {
        var real = Gaussian(400, 32, 0, 1, 4);
        var fid = new List<double>();
        var kid = new List<double>();
        foreach (var sigma in new[] { 0.0, 0.5, 1.0, 2.0 })
        {
            var noisy = real.add(Gaussian(400, 32, 0, 1, 5).mul(sigma));
            fid.Add(FrechetDistance.Compute(real, noisy));
            kid.Add(KernelDistance.Compute(real, noisy, subsets: 20, subsetSize: 200).Mean);
        }
        Assert.Equal(fid.Order(), fid);
        Assert.Equal(kid.Order(), kid);
        Assert.True(fid[^1] > 10 * fid[1] && kid[^1] > 10 * kid[1]);
    }

    [Fact]
    public void Kernel_distance_is_unbiased_between_two_halves_of_one_set()
    {
        var all = Gaussian(2000, 16, 0, 1, 6);
        var kid = KernelDistance.Compute(all[..1000], all[1000..], subsets: 50, subsetSize: 500);
        // Subsets of two fixed halves overlap, so the spread over subsets, not its standard error, bounds the mean.
        Assert.True(Math.Abs(kid.Mean) < 2 * kid.Std, $"KID {kid.Mean} ± {kid.Std}");
        var shifted = KernelDistance.Compute(all[..1000], all[1000..].add(0.5), subsets: 50, subsetSize: 500);
        Assert.True(shifted.Mean > 10 * kid.Std, $"shifted KID {shifted.Mean}");
    }

    [Fact]
    public void Unbiased_mmd2_of_sets_of_unequal_size_is_the_hand_computed_value()
    {
        // d = 1, so k(a, b) = (ab + 1)³. x = {0, 1}: off-diagonal Σ = 2·k(0,1) = 2, over 2·1 → 1.
        // y = {0, 1, 2}: 2·(k(0,1) + k(0,2) + k(1,2)) = 2·(1 + 1 + 27) = 58, over 3·2 → 29/3.
        // Cross: k(0,·) = 1, 1, 1 and k(1,·) = 1, 8, 27: Σ = 39, mean over 2·3 = 6.5 → −13.
        var x = tensor(new double[] { 0, 1 }).reshape(2, 1);
        var y = tensor(new double[] { 0, 1, 2 }).reshape(3, 1);
        Assert.Equal(1 + 29.0 / 3 - 13, KernelDistance.UnbiasedMmd2(x, y), 12);
        Assert.Equal(KernelDistance.UnbiasedMmd2(x, y), KernelDistance.UnbiasedMmd2(y, x), 12);
    }

    [Fact]
    public void Unbiased_mmd2_refuses_a_set_of_one()
    {
        var one = tensor(new double[] { 1 }).reshape(1, 1);
        var two = tensor(new double[] { 0, 1 }).reshape(2, 1);
        Assert.Throws<ArgumentException>(() => KernelDistance.UnbiasedMmd2(one, two));
    }

    [Fact]
    public void Inception_score_is_k_for_confident_even_classes_and_1_for_uniform_outputs()
    {
        int k = 5;
        var confident = eye(k, dtype: ScalarType.Float64).repeat(20, 1);      // 100 samples, 20 per class, one-hot
        Assert.Equal(k, InceptionScore.Compute(confident, splits: 4).Mean, 9);
        var uniform = full(100, k, 1.0 / k, dtype: ScalarType.Float64);
        Assert.Equal(1.0, InceptionScore.Compute(uniform, splits: 4).Mean, 9);
    }

    [Fact]
    public void Precision_and_recall_are_1_for_identical_sets_and_drop_for_a_shifted_set()
    {
        var real = Gaussian(300, 8, 0, 1, 7);
        var same = PrecisionRecall.Compute(real, real.clone());
        Assert.Equal((1.0, 1.0), (same.Precision, same.Recall));
        var shifted = PrecisionRecall.Compute(real, Gaussian(300, 8, 0, 1, 8).add(2));
        Assert.True(shifted.Precision < 0.5 && shifted.Recall < 0.5, $"{shifted}");
        var fresh = PrecisionRecall.Compute(real, Gaussian(300, 8, 0, 1, 9));
        Assert.True(fresh.Precision > 0.6 && fresh.Recall > 0.6, $"{fresh}");
    }
}
