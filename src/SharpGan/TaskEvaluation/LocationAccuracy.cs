using SharpGan.Metrics;
using static TorchSharp.torch;

namespace SharpGan.TaskEvaluation;

/// <summary>How well generated objects sit where their masks asked (issue 4's location accuracy).</summary>
/// <param name="MeanIou">Mean IoU of each picture's segmented object with the mask it was drawn for.</param>
/// <param name="ChanceIou">The same pictures' IoU with masks drawn for other pictures: what a generator that ignored
/// its masks would score on this mask distribution.</param>
public sealed record LocationReport(int Count, double MeanIou, double ChanceIou, IReadOnlyList<double> PerImage, string Segmenter)
{
    public double OverChance => ChanceIou > 0 ? MeanIou / ChanceIou : double.PositiveInfinity;
}

/// <summary>
/// Segments generated pictures with a trained U-Net and compares the masks found with the masks requested. The chance
/// level pairs the same found masks with a derangement of the requested ones (no picture keeps its own mask).
/// </summary>
public static class LocationAccuracy
{
    /// <param name="segment">Object probabilities (B×1×S×S) of images in [-1, 1].</param>
    /// <param name="generated">The generated images, batch by batch, in the order of <paramref name="requested"/>.</param>
    /// <param name="requested">The masks the images were drawn for, N×1×S×S in {0, 1}.</param>
    public static (LocationReport Report, Tensor Found) Measure(Func<Tensor, Tensor> segment, IEnumerable<Func<Tensor>> generated,
        Tensor requested, string segmenterName, long seed)
    {
        var found = cat(generated.Select(make =>
        {
            using var scope = NewDisposeScope();
            return segment(make()).ge(MaskIou.Threshold).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
        }).ToArray());
        if (found.shape[0] != requested.shape[0])
            throw new ArgumentException($"{found.shape[0]} generated images for {requested.shape[0]} masks");
        using var scope = NewDisposeScope();
        var iou = MaskIou.PerImage(found, requested);
        var others = requested.index_select(0, tensor(Derangement((int)requested.shape[0], seed)));
        var chance = MaskIou.PerImage(found, others).mean().item<float>();
        var perImage = iou.data<float>().Select(v => (double)v).ToArray();
        return (new LocationReport(perImage.Length, perImage.Average(), chance, perImage, segmenterName), found);
    }

    /// <summary>A seeded permutation of 0..n−1 with no fixed point: a random cycle through all n (n ≥ 2).</summary>
    public static long[] Derangement(int n, long seed)
    {
        if (n < 2) throw new ArgumentException($"the chance level needs at least 2 masks (got {n})");
        var order = Enumerable.Range(0, n).ToArray();
        new Random((int)seed).Shuffle(order);
        var map = new long[n];
        for (int i = 0; i < n; i++) map[order[i]] = order[(i + 1) % n];
        return map;
    }
}
