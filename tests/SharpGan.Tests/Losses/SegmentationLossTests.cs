using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

public class SegmentationLossTests
{
    // Two 1×2×2 images, every logit 0, so every p = sigmoid(0) = 0.5:
    //   image 1, target [1 1 0 0]: Σp·t = 1, Σp = 2, Σt = 2 → 1 − (2·1 + 1) / (2 + 2 + 1) = 1 − 3/5 = 0.4
    //   image 2, target [0 0 0 0]: Σp·t = 0, Σp = 2, Σt = 0 → 1 − (0 + 1) / (2 + 0 + 1) = 1 − 1/3 = 0.6667
    //   mean (0.4 + 0.6667) / 2 = 0.5333
    static readonly float[] Targets = [1, 1, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Soft_dice_matches_the_hand_computed_value()
    {
        using var scope = NewDisposeScope();
        var dice = SegmentationLoss.Dice(zeros(2, 1, 2, 2), tensor(Targets).view(2, 1, 2, 2));
        Assert.Equal(0.5333, dice.item<float>(), 4);
    }

    [Fact]
    public void Dice_is_near_zero_for_a_confident_right_answer_and_near_one_for_a_wrong_one()
    {
        using var scope = NewDisposeScope();
        var target = tensor(Targets).view(2, 1, 2, 2);
        var sure = target.mul(2).sub(1).mul(20);   // ±20 logits: p ≈ 1 inside, ≈ 0 outside
        Assert.Equal(0.0, SegmentationLoss.Dice(sure, target).item<float>(), 4);
        // Image 1 all wrong: 1 − 1/(2 + 2 + 1) = 0.8; image 2 predicts 4 pixels of an empty mask: 1 − 1/(4 + 1) = 0.8.
        Assert.Equal(0.8, SegmentationLoss.Dice(sure.neg(), target).item<float>(), 4);
    }

    [Fact]
    public void Bce_on_logits_matches_the_hand_computed_value()
    {
        using var scope = NewDisposeScope();
        // logit ln 3 → p = 0.75: −ln 0.75 = 0.28768 where the target is 1, −ln 0.25 = 1.38629 where it is 0.
        var logits = full(1, 1, 1, 2, Math.Log(3));
        var target = tensor(new float[] { 1, 0 }).view(1, 1, 1, 2);
        Assert.Equal((0.28768 + 1.38629) / 2, SegmentationLoss.Bce(logits, target).item<float>(), 4);
        Assert.Equal(Math.Log(2), SegmentationLoss.Bce(zeros(1, 1, 1, 2), target).item<float>(), 4);
    }

    [Fact]
    public void The_combined_loss_weighs_both_parts()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 1, 2, 2);
        var target = tensor(Targets).view(2, 1, 2, 2);
        Assert.Equal(0.5333 + Math.Log(2), new SegmentationLoss().Compute(logits, target).item<float>(), 3);
        Assert.Equal(2 * 0.5333 + 0.5 * Math.Log(2), new SegmentationLoss(DiceWeight: 2, BceWeight: 0.5).Compute(logits, target).item<float>(), 3);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    public void Weights_must_be_non_negative_and_not_both_zero(double dice, double bce)
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentationLoss(dice, bce).Validate());
        Assert.Contains("weights", e.Message);
    }
}
