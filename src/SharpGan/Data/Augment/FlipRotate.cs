using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// On-the-fly augmentation of a whole batch as tensor ops (seeds 001/003: flips and a small rotation), drawn
/// from torch's generator so a seeded run repeats. Images and their masks get the same transform.
/// </summary>
public static class FlipRotate
{
    public static Batch Apply(Batch batch, bool flipHorizontal, bool flipVertical, double maxDegrees)
    {
        if (!flipHorizontal && !flipVertical && maxDegrees <= 0)
            return batch;
        var both = cat([batch.Images, batch.Masks], 1);
        if (flipHorizontal) both = RandomFlip(both, 3);
        if (flipVertical) both = RandomFlip(both, 2);
        var images = both[.., ..3];
        var masks = both[.., 3..];
        if (maxDegrees > 0)
        {
            using var grid = RotationGrid(both.shape, maxDegrees);
            images = nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
            masks = nn.functional.grid_sample(masks, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        }
        return new Batch(images, masks);
    }

    /// <summary>Flips each sample along <paramref name="dim"/> with probability one half.</summary>
    public static Tensor RandomFlip(Tensor x, long dim)
    {
        var pick = rand(x.shape[0]).lt(0.5).view(-1, 1, 1, 1);
        return where(pick, x.flip(dim), x);
    }

    /// <summary>A sampling grid rotating each sample by its own angle, uniform in ±<paramref name="maxDegrees"/>.</summary>
    public static Tensor RotationGrid(long[] shape, double maxDegrees)
    {
        var angle = rand(shape[0]).mul_(2).sub_(1).mul_(maxDegrees * Math.PI / 180);
        var (c, s) = (angle.cos(), angle.sin());
        var zero = zeros_like(angle);
        var theta = stack([c, s.neg(), zero, s, c, zero], 1).view(-1, 2, 3);
        return nn.functional.affine_grid(theta, shape, align_corners: false);
    }
}
