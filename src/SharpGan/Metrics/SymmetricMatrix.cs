using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>Square roots of symmetric positive semi-definite matrices, through their eigendecomposition (float64).</summary>
internal static class SymmetricMatrix
{
    /// <summary>√A for symmetric PSD A: V·diag(√λ)·Vᵀ, with eigenvalues rounding below 0 clamped to 0.</summary>
    public static Tensor Sqrt(Tensor a)
    {
        var (values, vectors) = linalg.eigh(Symmetrised(a.to_type(ScalarType.Float64)));
        return vectors.mul(values.clamp_min(0).sqrt().unsqueeze(0)).matmul(vectors.t());
    }

    /// <summary>
    /// tr √(A·B) for symmetric PSD A and B. A·B is not symmetric, but it is similar to √A·B·√A, which is: the same
    /// eigenvalues, all real and ≥ 0, so the trace is the sum of their square roots.
    /// </summary>
    public static double TraceSqrtOfProduct(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var rootA = Sqrt(a);
        var m = rootA.matmul(b.to_type(ScalarType.Float64)).matmul(rootA);
        return linalg.eigvalsh(Symmetrised(m)).clamp_min(0).sqrt().sum().item<double>();
    }

    static Tensor Symmetrised(Tensor a) => a.add(a.t()).div(2);
}
