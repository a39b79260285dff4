using SharpGan.Compute;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// A convolution whose weight is divided by its largest singular value (Miyato et al. 2018), estimated by one step
/// of power iteration per training forward with the vectors u, v kept as buffers (so checkpoints carry them).
/// TorchSharp 0.107 has no spectral_norm; this is the paper's algorithm.
/// </summary>
internal sealed class SpectralNormConv2d : nn.Module<Tensor, Tensor>, IComputeLayer
{
    readonly Parameter weight_orig;
    readonly Tensor u, v;
    readonly long stride, padding;
    readonly int powerIterations;

    public ComputePolicy Policy { get; set; } = ComputePolicy.Fp32Nchw;

    public SpectralNormConv2d(long inChannels, long outChannels, long kernel, long stride, long padding, bool bias = false, int powerIterations = 1)
        : base(nameof(SpectralNormConv2d))
    {
        if (bias) throw new ArgumentException("DCGAN convolutions are bias-free; SpectralNormConv2d has no bias", nameof(bias));
        this.stride = stride;
        this.padding = padding;
        this.powerIterations = powerIterations;
        weight_orig = new Parameter(empty(outChannels, inChannels, kernel, kernel));
        using (no_grad())
            nn.init.normal_(weight_orig, 0, 0.02);
        u = Normalise(randn(outChannels));
        v = Normalise(randn(inChannels * kernel * kernel));
        RegisterComponents();   // weight_orig as a parameter, u and v as buffers
    }

    public override Tensor forward(Tensor input)
    {
        var matrix = weight_orig.view(weight_orig.shape[0], -1);
        if (training)
            using (no_grad())
                for (int i = 0; i < powerIterations; i++)
                {
                    v.copy_(Normalise(matrix.t().mv(u)));
                    u.copy_(Normalise(matrix.mv(v)));
                }
        // σ = uᵀWv with u, v held fixed: the gradient flows through W alone, as in the paper. Copies, because the
        // next training forward (D sees real, then fake) updates the buffers in place before this backward runs.
        var sigma = u.clone().dot(matrix.mv(v.clone()));
        return SafeConvolution.Conv2d(Policy.Activation(input), Policy.Weight(weight_orig.div(sigma)), stride, padding);
    }

    /// <summary>The current estimate of the weight's largest singular value.</summary>
    public float Sigma()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return u.dot(weight_orig.view(weight_orig.shape[0], -1).mv(v)).item<float>();
    }

    /// <summary>Power iteration on a matrix from a seeded start: its largest singular value.</summary>
    public static float LargestSingularValue(Tensor matrix, int iterations)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var generator = new Generator(17);
        var right = Normalise(randn([matrix.shape[1]], generator: generator));
        Tensor left = Normalise(matrix.mv(right));
        for (int i = 0; i < iterations; i++)
        {
            right = Normalise(matrix.t().mv(left));
            left = Normalise(matrix.mv(right));
        }
        return left.dot(matrix.mv(right)).item<float>();
    }

    static Tensor Normalise(Tensor x) => x.div(x.norm().clamp_min(1e-12));
}
