using SharpGan.Models;

namespace SharpGan.Segmentation;

/// <summary>
/// How <see cref="SegmentationTraining"/> trains a segmenter: image size, U-Net depth and width, epochs, batch,
/// Adam's learning rate, the share of pairs held out to measure IoU, the seed of weights, split and order, and the
/// random flips applied to image and mask together.
/// </summary>
public sealed record SegmentationOptions(int ImageSize = 64, int Depth = 4, int BaseFilters = 16, int Epochs = 30, int BatchSize = 16,
    double Lr = 1e-3, double HeldOutFraction = 0.1, long Seed = 1, bool FlipHorizontal = true, bool FlipVertical = false, string Norm = "batch")
{
    /// <summary>The U-Net this trains: RGB in, one object logit per pixel out.</summary>
    public UNetConfig Network => new(InChannels: 3, OutChannels: 1, Depth, BaseFilters, Norm);

    /// <summary>Checks every option before any image is read. Messages name the option as the CLI spells it.</summary>
    /// <exception cref="ArgumentException">The first option out of range.</exception>
    public void Validate()
    {
        if (Depth is < 1 or > 7) throw new ArgumentException($"depth {Depth}: allowed 1..7");
        if (ImageSize is < 8 or > 1024 || ImageSize % (1 << Depth) != 0)
            throw new ArgumentException($"size {ImageSize}: from 8 to 1024 and a multiple of 2^depth = {1 << Depth} (depth {Depth})");
        if (BaseFilters < 1) throw new ArgumentException($"filters {BaseFilters}: at least 1");
        if (Epochs < 1) throw new ArgumentException($"epochs {Epochs}: at least 1");
        // BatchNorm's statistics need two images per batch.
        if (BatchSize < 2) throw new ArgumentException($"batch {BatchSize}: at least 2");
        if (!(Lr > 0)) throw new ArgumentException($"lr {Lr}: must be positive");
        if (HeldOutFraction is <= 0 or > 0.5 || double.IsNaN(HeldOutFraction))
            throw new ArgumentException($"held-out {HeldOutFraction}: a share above 0 and at most 0.5");
        Network.Validate();
    }
}
