using SharpGan.Metrics;
using SharpGan.TaskEvaluation;
using static TorchSharp.torch;

namespace SharpGan.Tests.TaskEvaluation;

public class LocationAccuracyTests
{
    /// <summary>Four 8×8 masks, each a different quadrant: pairwise disjoint.</summary>
    static Tensor Quadrants()
    {
        var masks = zeros(4, 1, 8, 8);
        masks[0, 0, ..4, ..4] = ones(4, 4);
        masks[1, 0, ..4, 4..] = ones(4, 4);
        masks[2, 0, 4.., ..4] = ones(4, 4);
        masks[3, 0, 4.., 4..] = ones(4, 4);
        return masks;
    }

    [Fact]
    public void A_generator_that_obeys_its_masks_scores_one_and_shuffled_masks_score_nothing()
    {
        using var scope = NewDisposeScope();
        var masks = Quadrants();
        // "Images" that are their masks; the segmenter reads the object back from the first channel.
        var images = masks.mul(2).sub(1).expand(-1, 3, -1, -1);
        var (report, found) = LocationAccuracy.Measure(x => x.narrow(1, 0, 1).add(1).div(2), [() => images.narrow(0, 0, 2), () => images.narrow(0, 2, 2)],
            masks, "identity", seed: 3);
        Assert.Equal(4, report.Count);
        Assert.Equal(1.0, report.MeanIou, 6);
        Assert.Equal(0.0, report.ChanceIou, 6);   // every other quadrant is disjoint
        Assert.True(found.equal(masks).all().item<bool>());
    }

    [Fact]
    public void A_generator_that_ignores_its_masks_scores_at_chance()
    {
        using var scope = NewDisposeScope();
        var masks = Quadrants();
        // The same picture whatever the mask: the left half is object. IoU with a left quadrant = 16 / 32, right = 0.
        var left = zeros(4, 3, 8, 8).sub(1);
        left[.., .., .., ..4] = ones(4, 3, 8, 4);
        var (report, _) = LocationAccuracy.Measure(x => x.narrow(1, 0, 1).add(1).div(2), [() => left], masks, "identity", seed: 1);
        Assert.Equal(0.25, report.MeanIou, 6);
        Assert.Equal(0.25, report.ChanceIou, 6);
        Assert.Equal(1.0, report.OverChance, 6);
    }

    [Fact]
    public void The_shuffle_never_keeps_a_mask_in_place()
    {
        foreach (int n in new[] { 2, 3, 7, 100 })
        {
            var map = LocationAccuracy.Derangement(n, seed: n);
            Assert.Equal(Enumerable.Range(0, n).Select(i => (long)i), map.Order());
            Assert.All(Enumerable.Range(0, n), i => Assert.NotEqual(i, map[i]));
        }
        Assert.Throws<ArgumentException>(() => LocationAccuracy.Derangement(1, 0));
    }
}
