using SharpGan.Metrics;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

public class MaskIouTests
{
    static Tensor Masks(params float[][] rows) => tensor(rows.SelectMany(r => r).ToArray()).view(rows.Length, 1, 1, rows[0].Length);

    [Fact]
    public void Per_image_iou_by_hand()
    {
        using var scope = NewDisposeScope();
        var predicted = Masks([1, 1, 0, 0], [1, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0.5f, 0.49f, 0.9f, 0.1f]);
        var target = Masks([1, 0, 1, 0], [1, 0, 1, 0], [0, 0, 1, 1], [0, 0, 0, 0], [1, 1, 1, 0]);
        var iou = MaskIou.PerImage(predicted, target).data<float>().ToArray();
        // ∩ 1 of ∪ 3; identical; disjoint; empty ∪ empty counts as agreement; 0.5 is in, 0.49 out: ∩ 2 of ∪ 3.
        double[] expected = [1 / 3.0, 1, 0, 1, 2 / 3.0];
        Assert.Equal(expected.Length, iou.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], iou[i], 5);
        Assert.Equal((1 / 3.0 + 1 + 0 + 1 + 2 / 3.0) / 5, MaskIou.Mean(predicted, target), 5);
    }

    [Fact]
    public void Dice_follows_from_iou()
    {
        using var scope = NewDisposeScope();
        // IoU 1/3 (∩ 1, ∪ 3, |A| = |B| = 2): Dice 2·1 / (2 + 2) = 0.5 = 2·(1/3) / (1 + 1/3).
        var dice = MaskIou.Dice(MaskIou.PerImage(Masks([1, 1, 0, 0]), Masks([1, 0, 1, 0])));
        Assert.Equal(0.5, dice.item<float>(), 5);
    }
}
