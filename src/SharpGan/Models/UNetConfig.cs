namespace SharpGan.Models;

/// <summary>
/// The shape of a <see cref="UNet"/>: <paramref name="Depth"/> poolings, <paramref name="BaseFilters"/> channels at full
/// resolution doubling per level up to <paramref name="MaxMultiplier"/> × that (pix2pix caps its U-Net at 8× the same
/// way, so deep nets stay affordable), the normalisation after each 3×3 convolution, and how many of the innermost
/// decoder levels end in dropout 0.5 that stays on when sampling — pix2pix's noise z (its first three decoder blocks).
/// </summary>
public sealed record UNetConfig(int InChannels, int OutChannels, int Depth, int BaseFilters, string Norm = "batch", int MaxMultiplier = 8,
    int DropoutLevels = 0)
{
    public static readonly string[] Norms = ["batch", "instance", "none"];

    /// <summary>What each side of an input must be a multiple of: one halving per level.</summary>
    public int SideMultiple => 1 << Depth;

    /// <summary>Channels of the encoder at <paramref name="level"/> (0: full resolution; <see cref="Depth"/>: the bottleneck).</summary>
    public int Channels(int level) => BaseFilters * Math.Min(1 << level, MaxMultiplier);

    /// <exception cref="ArgumentException">A value out of range; the message names the setting and what is allowed.</exception>
    public void Validate()
    {
        if (InChannels < 1) throw new ArgumentException($"U-Net in-channels {InChannels}: at least 1");
        if (OutChannels < 1) throw new ArgumentException($"U-Net out-channels {OutChannels}: at least 1");
        if (Depth is < 1 or > 8) throw new ArgumentException($"U-Net depth {Depth}: allowed 1..8");
        if (BaseFilters < 1) throw new ArgumentException($"U-Net base filters {BaseFilters}: at least 1");
        if (MaxMultiplier < 1) throw new ArgumentException($"U-Net max multiplier {MaxMultiplier}: at least 1");
        if (DropoutLevels < 0 || DropoutLevels > Depth) throw new ArgumentException($"U-Net dropout levels {DropoutLevels}: allowed 0..depth ({Depth})");
        if (!Norms.Contains(Norm)) throw new ArgumentException($"U-Net norm '{Norm}': allowed {string.Join(", ", Norms)}");
    }

    /// <exception cref="ArgumentException">A side is not a multiple of 2^depth, so a pooling would drop a row and the skip would not line up.</exception>
    public void CheckInput(long height, long width)
    {
        if (height % SideMultiple != 0 || width % SideMultiple != 0 || height == 0 || width == 0)
            throw new ArgumentException($"U-Net input {height}×{width}: each side must be a positive multiple of 2^depth = {SideMultiple} (depth {Depth})");
    }
}
