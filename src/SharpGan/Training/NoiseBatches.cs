using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>Generated images in batches made on demand from one seeded noise stream, without autograd.</summary>
internal static class NoiseBatches
{
    /// <param name="generate">Images for n samples from the given random generator.</param>
    public static IEnumerable<Func<Tensor>> Of(Func<long, Generator, Tensor> generate, int count, long seed, int batch)
    {
        using var random = new Generator((ulong)seed);
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            yield return () =>
            {
                using var _ = no_grad();
                return generate(n, random);
            };
        }
    }
}
