using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// The loss of a binary segmentation net on logits: <see cref="DiceWeight"/> × soft Dice + <see cref="BceWeight"/> ×
/// BCE-with-logits. Dice scores the overlap of the whole object, so a small object weighs as much as a large one;
/// BCE gives every pixel a gradient from the first step, when the Dice overlap is still noise.
/// </summary>
internal sealed record SegmentationLoss(double DiceWeight = 1, double BceWeight = 1)
{
    /// <summary>
    /// ε of the soft Dice: 1, the usual smoothing term; next to the thousands of pixels in a mask it is negligible,
    /// and it makes an empty prediction of an empty mask score a perfect 0 instead of 0 / 0.
    /// </summary>
    public const double Epsilon = 1.0;

    /// <exception cref="ArgumentException">A negative weight, or both zero.</exception>
    public void Validate()
    {
        if (DiceWeight < 0 || BceWeight < 0 || DiceWeight + BceWeight == 0)
            throw new ArgumentException($"segmentation loss weights dice {DiceWeight}, bce {BceWeight}: both ≥ 0 and not both 0");
    }

    /// <summary>The combined loss, a scalar: logits and targets (in [0, 1]) of the same shape, B×1×H×W.</summary>
    public Tensor Compute(Tensor logits, Tensor targets) =>
        Dice(logits, targets).mul(DiceWeight).add(Bce(logits, targets).mul(BceWeight));

    /// <summary>Soft Dice loss, 1 − (2·Σ p·t + ε) / (Σ p + Σ t + ε) with p = sigmoid(logits), per image, then the mean.</summary>
    public static Tensor Dice(Tensor logits, Tensor targets)
    {
        var p = logits.sigmoid().flatten(1);
        var t = targets.flatten(1);
        var overlap = p.mul(t).sum(1);
        var score = overlap.mul(2).add(Epsilon).div(p.sum(1).add(t.sum(1)).add(Epsilon));
        return score.neg().add(1).mean();
    }

    /// <summary>Binary cross-entropy on logits (the numerically stable form), the mean over every pixel.</summary>
    public static Tensor Bce(Tensor logits, Tensor targets) => F.binary_cross_entropy_with_logits(logits, targets);
}
