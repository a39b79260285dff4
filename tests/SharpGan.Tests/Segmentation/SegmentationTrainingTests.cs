using SharpGan.Metrics;
using SharpGan.Segmentation;
using static TorchSharp.torch;

namespace SharpGan.Tests.Segmentation;

public class SegmentationTrainingTests
{
    [Fact]
    public void A_few_epochs_on_the_flowers_lower_the_loss_and_beat_calling_everything_object()
    {
        var (pairs, _) = SegmentationData.Load(Repo.Path("data", "flowers"), 32);
        var options = new SegmentationOptions(ImageSize: 32, Depth: 3, BaseFilters: 8, Epochs: 8, Lr: 3e-3, HeldOutFraction: 0.25, Seed: 1);
        var epochs = new List<SegmentationEpoch>();
        var result = SegmentationTraining.Train(pairs, options, new Progress(epochs.Add));
        using var model = result.Model;

        Assert.Equal(epochs, result.History);
        Assert.Equal(Enumerable.Range(1, 8), epochs.Select(e => e.Epoch));
        Assert.True(epochs[^1].Loss < 0.7 * epochs[0].Loss, $"loss {epochs[0].Loss:F3} → {epochs[^1].Loss:F3}");
        // The trivial answer "all object" scores the masks' mean area; the emoji fill about half their frame.
        double allObject;
        using (NewDisposeScope())
        {
            var masks = pairs.Take(result.HeldOut.ToArray()).ToBatch().Masks;
            allObject = MaskIou.Mean(ones_like(masks), masks);
        }
        Assert.True(epochs[^1].HeldOutIou > Math.Max(0.6, allObject + 0.1), $"held-out IoU {epochs[^1].HeldOutIou:F3}, all-object {allObject:F3}");
        Assert.Equal(epochs[^1].HeldOutIou, SegmentationTraining.Evaluate(model, pairs, result.HeldOut).Iou, 6);
        Assert.Equal("0.25", System.Text.Json.JsonDocument.Parse(model.Provenance["training"]).RootElement.GetProperty("HeldOutFraction").GetRawText());
    }

    [Fact]
    public void The_split_is_seeded_disjoint_and_leaves_two_to_train_on()
    {
        var (train, heldOut) = SegmentationTraining.Split(58, 0.1, seed: 1);
        Assert.Equal((52, 6), (train.Length, heldOut.Length));
        Assert.Equal(Enumerable.Range(0, 58), train.Concat(heldOut).Order());
        Assert.Equal(heldOut, SegmentationTraining.Split(58, 0.1, seed: 1).HeldOut);
        Assert.NotEqual(heldOut, SegmentationTraining.Split(58, 0.1, seed: 2).HeldOut);
        Assert.Equal((2, 1), (SegmentationTraining.Split(3, 0.5, 1).Train.Length, SegmentationTraining.Split(3, 0.5, 1).HeldOut.Length));
        Assert.Throws<ArgumentException>(() => SegmentationTraining.Split(2, 0.1, 1));
    }

    [Theory]
    [InlineData(30, 4, 16, 0.1, "size 30")]
    [InlineData(64, 4, 1, 0.1, "batch 1")]
    [InlineData(64, 4, 16, 0.9, "held-out 0.9")]
    [InlineData(64, 0, 16, 0.1, "depth 0")]
    public void Options_out_of_range_are_named(int size, int depth, int batch, double heldOut, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentationOptions(ImageSize: size, Depth: depth, BatchSize: batch, HeldOutFraction: heldOut).Validate());
        Assert.StartsWith(message, e.Message);
    }

    sealed class Progress(Action<SegmentationEpoch> report) : IProgress<SegmentationEpoch>
    {
        public void Report(SegmentationEpoch value) => report(value);
    }
}
