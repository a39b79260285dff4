using SharpGan.Onnx;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The noise vectors the studio feeds its generator. A seed's vector is the first sample SharpGan draws for that seed
/// (<see cref="TorchCpuNoise"/>), so a picture in the studio is the one <c>sharpgan sample --onnx DIR --count 1 --seed S</c> writes.
/// </summary>
static class Latents
{
    public static float[] OfSeed(long seed, int length) => new TorchCpuNoise(seed).Normal(length);

    public static float[] OfSeeds(IReadOnlyList<long> seeds, int length)
    {
        var values = new float[seeds.Count * length];
        for (int k = 0; k < seeds.Count; k++) OfSeed(seeds[k], length).CopyTo(values, k * length);
        return values;
    }

    public const string VariationMethod =
        "z_k = z + strength * n_k, rescaled to the norm of z; n_k: sample k of the noise drawn for variation_seed";

    /// <summary>
    /// <paramref name="count"/> vectors around <paramref name="seed"/>'s: each adds <paramref name="strength"/> times
    /// another normal vector, then is brought back to the source's norm, because a Gaussian latent's samples live near
    /// the sphere of radius √d and a plain sum would drift off it (and look washed out) as the strength grows.
    /// </summary>
    public static float[] Variations(long seed, long variationSeed, int count, double strength, int length)
    {
        var source = OfSeed(seed, length);
        var others = new TorchCpuNoise(variationSeed).Normal((long)count * length);
        double sourceNorm = Norm(source);
        var values = new float[count * length];
        for (int k = 0; k < count; k++)
        {
            var v = new double[length];
            for (int i = 0; i < length; i++) v[i] = source[i] + strength * others[k * length + i];
            double scale = sourceNorm / Math.Max(Norm(v), 1e-12);
            for (int i = 0; i < length; i++) values[k * length + i] = (float)(v[i] * scale);
        }
        return values;
    }

    /// <summary>
    /// <paramref name="frames"/> vectors from <paramref name="from"/>'s to <paramref name="to"/>'s, both ends included,
    /// by spherical interpolation (Shoemake 1985; White 2016, "Sampling Generative Networks"): a straight line between two
    /// Gaussian samples passes near the origin, where the generator has seen no noise.
    /// </summary>
    public static float[] Slerp(long from, long to, int frames, int length)
    {
        var a = OfSeed(from, length);
        var b = OfSeed(to, length);
        double na = Norm(a), nb = Norm(b), dot = 0;
        for (int i = 0; i < length; i++) dot += a[i] * (double)b[i];
        double omega = Math.Acos(Math.Clamp(dot / Math.Max(na * nb, 1e-12), -1, 1));
        var values = new float[frames * length];
        for (int f = 0; f < frames; f++)
        {
            double t = frames == 1 ? 0 : f / (double)(frames - 1);
            // Nearly parallel vectors: sin ω → 0 and slerp tends to the straight line, which is then exact enough.
            double wa = Math.Sin(omega) < 1e-6 ? 1 - t : Math.Sin((1 - t) * omega) / Math.Sin(omega);
            double wb = Math.Sin(omega) < 1e-6 ? t : Math.Sin(t * omega) / Math.Sin(omega);
            for (int i = 0; i < length; i++) values[f * length + i] = (float)(wa * a[i] + wb * b[i]);
        }
        return values;
    }

    static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += x * (double)x;
        return Math.Sqrt(sum);
    }

    static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
}
