using SharpGan.Config;

namespace SharpGan.Models;

/// <summary>
/// The sizes of the r3gan networks (after R3GAN, Huang et al. 2024), from the image size and the base filters alone:
/// one stage per side from 4 × 4 to the image size, the filters doubling as the side halves up to
/// base·max_multiplier, as in DCGAN, but at each side half the filters of DCGAN's layer there (so the
/// full-resolution stage, which DCGAN lacks, has a quarter of the base): a block holds three convolutions around an
/// inner width twice its own, and at DCGAN's widths a 64-px pair cost ~2.8× the dcgan pair per step on a 2-core CPU,
/// at these ~1.3–1.45× (docs/conditioning.md, "Architectures").
/// </summary>
internal static class R3Layout
{
    /// <summary>
    /// Residual blocks per stage. R3GAN runs 2; 1 halves the cost of the stages, which is most of the step.
    /// <c>model.residual_blocks</c> stays srresnet's: its default of 16 per stage would cost ~16× that.
    /// </summary>
    public const int BlocksPerStage = 1;

    /// <summary>The inverted bottleneck's widening of the channels inside a block (R3GAN's 2).</summary>
    public const int ExpansionFactor = 2;

    /// <summary>Channels per group of the block's 3×3 convolution: R3GAN's configs give 16 of the expanded width.</summary>
    public const int GroupWidth = 16;

    /// <summary>The sides of the stages, 4, 8, … up to the image size.</summary>
    public static IReadOnlyList<int> Sides(int imageSize)
    {
        var sides = new List<int>();
        for (int side = 4; side <= imageSize; side *= 2)
            sides.Add(side);
        return sides;
    }

    /// <summary>Filters of the stage at side <paramref name="side"/>: base × size / (4·side), capped at base·max_multiplier, at least 1.</summary>
    public static long Width(int baseFilters, ModelConfig config, int side) =>
        Math.Max(1L, Math.Min((long)baseFilters * config.ImageSize / (4 * side), (long)baseFilters * config.MaxMultiplier));

    /// <summary>Groups of the 3×3 convolution over <paramref name="channels"/>: groups of <see cref="GroupWidth"/>, or of
    /// the largest divisor of the width that divides it too when the width is not a multiple (one group under 16).</summary>
    public static long Groups(long channels) => channels / GreatestCommonDivisor(channels, GroupWidth);

    /// <summary>Every block of a network, the L of the fix-up scaling.</summary>
    public static int TotalBlocks(int imageSize) => Sides(imageSize).Count * BlocksPerStage;

    static long GreatestCommonDivisor(long a, long b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
