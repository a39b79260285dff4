using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>An image set as batches in [-1, 1] made on demand, for feature extraction.</summary>
public static class ImageSetBatches
{
    public static IEnumerable<Func<Tensor>> Of(ImageSet images, int batch = 256)
    {
        for (int start = 0; start < images.Count; start += batch)
        {
            var indices = Enumerable.Range(start, Math.Min(batch, images.Count - start)).ToArray();
            yield return () => images.Take(indices).ToBatch().Images;
        }
    }
}
