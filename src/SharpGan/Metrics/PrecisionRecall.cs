using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019): each set's manifold is the union of balls around its
/// points with radius the distance to their k-th nearest neighbour. Precision: the share of fake samples inside the
/// real manifold (are the fakes realistic?). Recall: the share of real samples inside the fake manifold (is the
/// variety covered?).
/// </summary>
public static class PrecisionRecall
{
    public readonly record struct Result(double Precision, double Recall);

    public static Result Compute(Tensor real, Tensor fake, int k = 3)
    {
        using var scope = NewDisposeScope();
        var r = real.to_type(ScalarType.Float64);
        var f = fake.to_type(ScalarType.Float64);
        return new Result(Coverage(r, f, k), Coverage(f, r, k));
    }

    /// <summary>The share of <paramref name="queries"/> within the k-NN manifold of <paramref name="manifold"/>.</summary>
    static double Coverage(Tensor manifold, Tensor queries, int k)
    {
        if (manifold.shape[0] <= k) throw new ArgumentException($"precision/recall with k = {k} needs more than {k} samples per set");
        // The k-th nearest neighbour other than the point itself: index k of the sorted row (index 0 is itself, at 0).
        var radii = cdist(manifold, manifold).sort(1).Values[.., k];
        var inside = cdist(queries, manifold).le(radii.unsqueeze(0)).any(1);
        return inside.to_type(ScalarType.Float64).mean().item<double>();
    }
}
