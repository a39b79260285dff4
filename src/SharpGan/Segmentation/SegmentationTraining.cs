using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SharpGan.Data;
using SharpGan.Data.Augment;
using SharpGan.Losses;
using SharpGan.Metrics;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Segmentation;

/// <summary>One epoch of segmenter training: the mean training loss and the held-out pairs' mean IoU and Dice.</summary>
public sealed record SegmentationEpoch(int Epoch, int Epochs, double Loss, double HeldOutIou, double HeldOutDice, double Seconds);

/// <summary>The trained segmenter, its history, and which pairs (indices into the set) trained it and which judged it.</summary>
public sealed record SegmentationResult(Segmenter Model, IReadOnlyList<SegmentationEpoch> History, IReadOnlyList<int> Train, IReadOnlyList<int> HeldOut);

/// <summary>
/// Trains a <see cref="Segmenter"/> on image + mask pairs: a seeded split into training and held-out pairs, Adam on
/// Dice + BCE, random flips of image and mask together, and after every epoch the held-out IoU.
/// </summary>
public static class SegmentationTraining
{
    const int EvaluationBatch = 64;

    /// <exception cref="ArgumentException">Invalid options, a set of another size, or fewer than 3 pairs.</exception>
    public static SegmentationResult Train(ImageSet pairs, SegmentationOptions options, IProgress<SegmentationEpoch>? progress = null,
        CancellationToken cancel = default)
    {
        options.Validate();
        if (pairs.Size != options.ImageSize)
            throw new ArgumentException($"the pairs are {pairs.Size} px, the options say size {options.ImageSize}");
        var (train, heldOut) = Split(pairs.Count, options.HeldOutFraction, options.Seed);

        manual_seed(options.Seed);
        var network = new UNet(options.Network);
        var model = new Segmenter(network, options.ImageSize);
        var loss = new SegmentationLoss();
        using var optimizer = optim.Adam(network.parameters(), options.Lr);
        var history = new List<SegmentationEpoch>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            network.train();
            double lossSum = 0;
            int seen = 0;
            foreach (var indices in Batches(EpochOrder(train, options.Seed, epoch), options.BatchSize))
            {
                cancel.ThrowIfCancellationRequested();
                using var region = Native.NoCollectionRegion.Enter();
                using var scope = NewDisposeScope();
                var batch = FlipRotate.Apply(pairs.Take(indices).ToBatch(), options.FlipHorizontal, options.FlipVertical, maxDegrees: 0);
                optimizer.zero_grad();
                var stepLoss = loss.Compute(network.forward(batch.Images), batch.Masks);
                stepLoss.backward();
                optimizer.step();
                lossSum += stepLoss.item<float>() * indices.Length;
                seen += indices.Length;
            }
            var (iou, dice) = Evaluate(model, pairs, heldOut);
            var record = new SegmentationEpoch(epoch, options.Epochs, lossSum / seen, iou, dice, clock.Elapsed.TotalSeconds);
            history.Add(record);
            progress?.Report(record);
        }
        var provenance = new Dictionary<string, string>
        {
            ["training"] = JsonSerializer.Serialize(options),
            ["pairs"] = string.Create(CultureInfo.InvariantCulture, $"{train.Length} train, {heldOut.Length} held out"),
            ["held_out_iou"] = history[^1].HeldOutIou.ToString("F4", CultureInfo.InvariantCulture),
        };
        return new SegmentationResult(new Segmenter(network, options.ImageSize, provenance), history, train, heldOut);
    }

    /// <summary>
    /// A seeded split: round(count × fraction) pairs held out, at least 1, and at least 2 left to train on (BatchNorm
    /// needs two images per batch). The same (count, fraction, seed) always gives the same split.
    /// </summary>
    public static (int[] Train, int[] HeldOut) Split(int count, double heldOutFraction, long seed)
    {
        if (count < 3) throw new ArgumentException($"{count} pair(s): a segmenter needs at least 3 (2 to train on, 1 held out)");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked((int)seed)).Shuffle(order);
        int heldOut = Math.Clamp((int)Math.Round(count * heldOutFraction), 1, count - 2);
        return (order[heldOut..].Order().ToArray(), order[..heldOut].Order().ToArray());
    }

    /// <summary>Mean IoU and Dice of <paramref name="model"/>'s binarised predictions against the pairs' masks at <paramref name="indices"/>.</summary>
    public static (double Iou, double Dice) Evaluate(Segmenter model, ImageSet pairs, IReadOnlyList<int> indices)
    {
        double iouSum = 0, diceSum = 0;
        foreach (var chunk in indices.Chunk(EvaluationBatch))
        {
            using var scope = NewDisposeScope();
            var batch = pairs.Take(chunk).ToBatch();
            var iou = MaskIou.PerImage(model.Predict(batch.Images), batch.Masks);
            iouSum += iou.sum().item<float>();
            diceSum += MaskIou.Dice(iou).sum().item<float>();
        }
        return (iouSum / indices.Count, diceSum / indices.Count);
    }

    /// <summary>The training pairs in epoch <paramref name="epoch"/>'s order, which depends only on (seed, epoch).</summary>
    static int[] EpochOrder(int[] train, long seed, int epoch)
    {
        var order = train.ToArray();
        new Random(unchecked((int)(seed * 1_000_003 + epoch))).Shuffle(order);
        return order;
    }

    /// <summary>Batches of <paramref name="size"/>; a last batch of one is dropped (BatchNorm cannot normalise one image).</summary>
    static IEnumerable<int[]> Batches(int[] order, int size) => order.Chunk(size).Where(b => b.Length >= 2);
}
