using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Metrics;

/// <summary>A set's features and class probabilities under one backbone, as float64 host-side tensors.</summary>
public sealed record FeatureSet(Tensor Features, Tensor? Probabilities)
{
    public long Count => Features.shape[0];
}

/// <summary>Runs image batches through a backbone, resizing them to its input size first, always the same way. The
/// backbones compute on the CPU: batches a generator made on another device (<c>--device</c>) come back first.</summary>
public static class FeatureExtractor
{
    /// <summary>Input pixels per backbone call: 32 pictures at 299 px, a whole batch of 256 at 64 px. A call's
    /// intermediates grow with its pixels: a batch of 256 through the Inception trunk at 299 px went past 20 GB.</summary>
    const long PixelsPerCall = 32L * 299 * 299;

    public static FeatureSet Extract(IFeatureBackbone backbone, IEnumerable<Func<Tensor>> batches)
    {
        var features = new List<Tensor>();
        var probabilities = new List<Tensor>();
        long perCall = Math.Max(1, PixelsPerCall / ((long)backbone.InputSize * backbone.InputSize));
        foreach (var make in batches)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var images = make().cpu();
            for (long start = 0; start < images.shape[0]; start += perCall)
            {
                using var call = NewDisposeScope();
                var (f, p) = backbone.Forward(Resize(images.narrow(0, start, Math.Min(perCall, images.shape[0] - start)), backbone.InputSize));
                features.Add(f.to_type(ScalarType.Float64).DetachFromDisposeScope());
                if (p is not null) probabilities.Add(p.to_type(ScalarType.Float64).DetachFromDisposeScope());
            }
        }
        if (features.Count == 0) throw new ArgumentException("no images to extract features from");
        var set = new FeatureSet(cat(features, 0), probabilities.Count > 0 ? cat(probabilities, 0) : null);
        foreach (var t in features.Concat(probabilities)) t.Dispose();
        return set;
    }

    /// <summary>Images in [-1, 1] brought to <paramref name="size"/>² by bilinear interpolation (unchanged when already that size).</summary>
    public static Tensor Resize(Tensor images, int size) =>
        images.shape[2] == size && images.shape[3] == size
            ? images
            : F.interpolate(images, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
}
