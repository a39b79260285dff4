namespace SharpGan.Onnx;

/// <summary>
/// The numbers torch's CPU generator gives for a seed (<c>torch.Generator().manual_seed(seed)</c>, TorchSharp's
/// <c>new Generator((ulong)seed)</c>), without torch: <see cref="Normal"/> is <c>torch.randn</c> and
/// <see cref="Uniform"/> is <c>torch.rand</c> of a float32 tensor of that many elements, calls in turn consuming one
/// stream as calls on one torch generator do. This is how a seed gives SharpGan's checkpoint sampling and an ONNX
/// export the same noise (the manifest's <see cref="ExportManifest.TorchCpuNoise"/>).
/// </summary>
/// <remarks>
/// ATen's CPU kernels (aten/src/ATen/native/cpu/DistributionTemplates.h, core/DistributionsHelper.h,
/// core/TransformationHelper.h): a float uniform is <c>(random() &amp; 0xFFFFFF) · 2⁻²⁴</c>. A contiguous float tensor of
/// 16 or more elements is filled by <c>normal_fill</c>: one uniform per element, then Box–Muller per block of 16 on
/// pairs eight apart (u1 = 1 − data[j], u2 = data[j + 8]); when the count is not a multiple of 16 the last 16 are
/// redrawn and refilled. Fewer than 16 elements take the scalar path: <c>normal_distribution&lt;double&gt;</c> on
/// 53-bit uniforms, whose second value waits in the generator for the next scalar draw. Torch's AVX2 fill computes
/// in float with its own log/sincos, this one in double: the two agree to about 1e-6.
/// </remarks>
public sealed class TorchCpuNoise(long seed)
{
    readonly Mt19937 engine = new((ulong)seed);
    double? nextScalarNormal;

    /// <summary><c>torch.randn(count)</c> (any shape with that many elements, in its contiguous order).</summary>
    public float[] Normal(long count)
    {
        var values = new float[count];
        Normal(values);
        return values;
    }

    /// <summary>Fills <paramref name="values"/> as <c>torch.randn</c> fills a contiguous float tensor of their length.</summary>
    public void Normal(Span<float> values)
    {
        if (values.Length < 16)
        {
            for (int i = 0; i < values.Length; i++) values[i] = (float)ScalarNormal();
            return;
        }
        Uniform(values);
        for (int i = 0; i + 16 <= values.Length; i += 16)
            BoxMuller16(values.Slice(i, 16));
        if (values.Length % 16 != 0)
        {
            var last = values[^16..];
            Uniform(last);
            BoxMuller16(last);
        }
    }

    /// <summary><c>torch.rand(count)</c>: uniforms in [0, 1) on a 2⁻²⁴ lattice.</summary>
    public float[] Uniform(long count)
    {
        var values = new float[count];
        Uniform(values);
        return values;
    }

    public void Uniform(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (engine.Next() & 0xFFFFFF) * (1f / (1 << 24));
    }

    static void BoxMuller16(Span<float> block)
    {
        for (int j = 0; j < 8; j++)
        {
            double u1 = 1f - block[j];   // [0, 1) → (0, 1] for the log, in float as torch subtracts
            double radius = Math.Sqrt(-2 * Math.Log(u1));
            double theta = 2 * Math.PI * block[j + 8];
            block[j] = (float)(radius * Math.Cos(theta));
            block[j + 8] = (float)(radius * Math.Sin(theta));
        }
    }

    double ScalarNormal()
    {
        if (nextScalarNormal is { } cached)
        {
            nextScalarNormal = null;
            return cached;
        }
        double u1 = Uniform53(), u2 = Uniform53();
        double radius = Math.Sqrt(-2 * Math.Log(1 - u2)), theta = 2 * Math.PI * u1;
        nextScalarNormal = radius * Math.Sin(theta);
        return radius * Math.Cos(theta);
    }

    /// <summary>torch's double uniform: two 32-bit draws, the first the high word, masked to 53 bits.</summary>
    double Uniform53()
    {
        ulong hi = engine.Next(), lo = engine.Next();
        return (((hi << 32) | lo) & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));
    }
}
