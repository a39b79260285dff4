using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// On-the-fly augmentation of a whole batch (the flower DCGAN comparison and the anime-face report: flips and a small
/// rotation), each sample drawing its own parameters from torch's generator so a seeded run repeats; built on
/// <see cref="ImageOps"/>, the same operations as the augment tool. Images and their masks get the same transform.
/// </summary>
internal static class FlipRotate
{
    public static Batch Apply(Batch batch, bool flipHorizontal, bool flipVertical, double maxDegrees)
    {
        if (!flipHorizontal && !flipVertical && maxDegrees <= 0)
            return batch;
        var both = cat([batch.Images, batch.Masks], 1);
        if (flipHorizontal) both = RandomlyApplied(both, ImageOps.FlipHorizontal);
        if (flipVertical) both = RandomlyApplied(both, ImageOps.FlipVertical);
        var images = both[.., ..3];
        var masks = both[.., 3..];
        if (maxDegrees > 0)
        {
            var degrees = rand(both.shape[0]).mul_(2).sub_(1).mul_(maxDegrees);
            // Images repeat their edge into the uncovered corners; masks say "no object" there.
            images = ImageOps.Rotate(images, degrees, Fill.Border);
            masks = ImageOps.Rotate(masks, degrees, Fill.Zeros);
        }
        return batch with { Images = images, Masks = masks };
    }

    /// <summary>Applies <paramref name="op"/> to each sample with probability one half.</summary>
    public static Tensor RandomlyApplied(Tensor x, Func<Tensor, Tensor> op)
    {
        var pick = rand(x.shape[0]).lt(0.5).view(-1, 1, 1, 1).to(x.device);
        return where(pick, op(x), x);
    }
}
