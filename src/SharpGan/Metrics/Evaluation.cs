using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>How many samples and subsets the metrics use.</summary>
public sealed record EvalOptions(int KidSubsets = 100, int KidSubsetSize = 1000, int Neighbours = 3, long Seed = 0);

/// <summary>
/// Every metric of one generated set against one real set under one backbone, with what makes the numbers
/// comparable: the backbone, its input size and resize filter, the image size both sets were at, the counts, and
/// the real-vs-real floor (the same metrics between two random halves of the real set). A Fréchet distance falls
/// as its samples grow (its bias is about proportional to 1/n₁ + 1/n₂), so the floor's halves measure more than a
/// generator of the real distribution would against the whole set — twice as much at 1,000 reals against 1,000
/// generated, where n ≫ the feature dimension. So the generated set is also measured at the floor's counts, against
/// the same real half: <see cref="FrechetDistanceAtFloorCounts"/> / <see cref="FloorFrechetDistance"/> is the
/// like-for-like ratio.
/// </summary>
public sealed record EvalReport(
    string Backbone, int BackboneInputSize, string ResizeFilter, int ImageSize, long RealCount, long FakeCount,
    double FrechetDistance, MeanStd Kid, int KidSubsets, int KidSubsetSize, double Precision, double Recall, int Neighbours,
    MeanStd? InceptionScore, IReadOnlyDictionary<string, double>? FakeClassShares,
    double FloorFrechetDistance, MeanStd FloorKid, double FrechetDistanceAtFloorCounts, long FloorCount)
{
    /// <summary>"FID" only for the FID Inception's pool3; any other backbone's distance is named after it.</summary>
    public string DistanceName => Backbone.StartsWith("fid-inception", StringComparison.Ordinal) ? "FID" : $"FD[{Backbone}]";
    public string KidName => Backbone.StartsWith("fid-inception", StringComparison.Ordinal) ? "KID" : $"KD[{Backbone}]";

    public string Summary()
    {
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"backbone {Backbone}, input {BackboneInputSize}px ({ResizeFilter}); images at {ImageSize}px; {RealCount} real, {FakeCount} generated");
        Line($"{DistanceName} = {FrechetDistance:F3}");
        Line($"  at the floor's counts ({FloorCount} generated, {FloorCount} real vs the other {RealCount - FloorCount} real): {FrechetDistanceAtFloorCounts:F3} against the real vs real floor {FloorFrechetDistance:F3} ({FrechetDistanceAtFloorCounts / FloorFrechetDistance:F2}×)");
        Line($"{KidName} = {Kid.Mean:F5} ± {Kid.Std:F5} over {KidSubsets} subsets of {KidSubsetSize}   (floor {FloorKid.Mean:F5} ± {FloorKid.Std:F5})");
        Line($"precision {Precision:F3}, recall {Recall:F3} (k = {Neighbours})");
        if (InceptionScore is { } score)
            Line($"inception-type score over the backbone's {FakeClassShares!.Count} classes = {score.Mean:F3} ± {score.Std:F3}");
        if (FakeClassShares is { } shares)
            Line($"generated images per class: {string.Join(", ", shares.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:P0}"))}");
        return text.ToString();
    }
}

public static class Evaluation
{
    public static EvalReport Compare(IFeatureBackbone backbone, FeatureSet real, FeatureSet fake, int imageSize, EvalOptions options)
    {
        using var scope = NewDisposeScope();
        int subsetSize = (int)Math.Min(options.KidSubsetSize, Math.Min(real.Count, fake.Count));
        var distance = FrechetDistance.Compute(real.Features, fake.Features);
        var kid = KernelDistance.Compute(real.Features, fake.Features, options.KidSubsets, subsetSize, options.Seed);
        var pr = PrecisionRecall.Compute(real.Features, fake.Features, options.Neighbours);

        using var generator = new Generator((ulong)options.Seed + 1);
        var halves = randperm(real.Count, generator: generator);
        var a = real.Features.index_select(0, halves[..(int)(real.Count / 2)]);
        var b = real.Features.index_select(0, halves[(int)(real.Count / 2)..]);
        int floorSubset = (int)Math.Min(subsetSize, a.shape[0]);
        // Like for like: as many generated pictures as the first half holds (or all there are), each against the second
        // half; drawn at random, since a folder of pictures (eval --fake) comes in the order of its names.
        long floorCount = Math.Min(a.shape[0], fake.Count);
        var floor = FrechetDistance.Compute(a[..(int)floorCount], b);
        var drawn = randperm(fake.Count, generator: generator)[..(int)floorCount];
        var distanceAtFloorCounts = FrechetDistance.Compute(fake.Features.index_select(0, drawn), b);
        var floorKid = KernelDistance.Compute(a, b, options.KidSubsets, floorSubset, options.Seed);

        MeanStd? score = null;
        Dictionary<string, double>? shares = null;
        if (fake.Probabilities is { } p && backbone.Classes.Count > 0)
        {
            score = InceptionScore.Compute(p);
            var counts = p.argmax(1).bincount(null, backbone.Classes.Count).data<long>().ToArray();
            shares = backbone.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (double)counts[x.i] / fake.Count);
        }
        return new EvalReport(backbone.Name, backbone.InputSize, backbone.ResizeFilter, imageSize, real.Count, fake.Count,
            distance, kid, options.KidSubsets, subsetSize, pr.Precision, pr.Recall, options.Neighbours, score, shares, floor, floorKid,
            distanceAtFloorCounts, floorCount);
    }
}
