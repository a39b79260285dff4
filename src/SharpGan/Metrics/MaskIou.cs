using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// Intersection over union of binary masks, per image: the segmenter's held-out score, and the overlap measure of
/// anything that asks whether an object is where a mask says.
/// </summary>
internal static class MaskIou
{
    /// <summary>Masks and probabilities are binarised at this value (a pixel is "in" at ≥ 0.5).</summary>
    public const double Threshold = 0.5;

    /// <summary>IoU of each image, [B], from masks or probabilities of the same shape (B×1×H×W or B×H×W). Two empty
    /// masks agree perfectly: their IoU is 1, not 0 / 0.</summary>
    public static Tensor PerImage(Tensor predicted, Tensor target)
    {
        var a = predicted.ge(Threshold).flatten(1);
        var b = target.ge(Threshold).flatten(1);
        var intersection = a.logical_and(b).sum(1, type: ScalarType.Float32);
        var union = a.logical_or(b).sum(1, type: ScalarType.Float32);
        return where(union.eq(0), ones_like(union), intersection.div(union.clamp_min(1)));
    }

    /// <summary>The mean of <see cref="PerImage"/> over the batch.</summary>
    public static double Mean(Tensor predicted, Tensor target)
    {
        using var scope = NewDisposeScope();
        return PerImage(predicted, target).mean().item<float>();
    }

    /// <summary>The Dice coefficient 2|A∩B| / (|A| + |B|) of the same masks: per image it is exactly 2·IoU / (1 + IoU).</summary>
    public static Tensor Dice(Tensor iou) => iou.mul(2).div(iou.add(1));
}
