namespace SharpGan.DataTools;

/// <summary>What a generated background looks like; <c>Mixed</c> picks one of the others per image.</summary>
public enum BackgroundKind { Gradient, Noise, Mixed }

/// <summary>Options of <c>sharpgan data composite</c>.</summary>
/// <param name="ScaleMin">The placed object's longer side as a fraction of the canvas side (lower bound).</param>
/// <param name="RotateDegrees">Each object turns by an angle drawn uniformly from ±this.</param>
/// <param name="Background">Used only when <paramref name="BackgroundsFolder"/> is not given.</param>
/// <param name="GradientNoise">Per-pixel noise on gradients, ±this per channel: 8 keeps a model from finding the
/// object as the one non-flat region; 0 gives clean gradients, which a small GAN learns far sooner.</param>
public sealed record CompositeOptions(
    int Count = 1000,
    int Size = 64,
    int Seed = 1,
    double ScaleMin = 0.3,
    double ScaleMax = 0.6,
    double RotateDegrees = 30,
    int ObjectsPerImage = 1,
    BackgroundKind Background = BackgroundKind.Mixed,
    string? BackgroundsFolder = null,
    int GradientNoise = 8)
{
    // Output files are named with five digits, so 100,000 is where names would stop sorting by number.
    public const int MaxCount = 100_000;
    public const int MaxObjectsPerImage = 4;

    /// <exception cref="ArgumentException">An option out of range; the message names it and the allowed values.</exception>
    public CompositeOptions Validate()
    {
        if (Count is < 1 or > MaxCount)
            throw new ArgumentException($"count {Count}: allowed 1..{MaxCount}");
        if (Size is < 16 or > 1024)
            throw new ArgumentException($"size {Size}: allowed 16..1024");
        if (!(ScaleMin > 0 && ScaleMin <= ScaleMax && ScaleMax <= 1))
            throw new ArgumentException($"scale-min {ScaleMin}, scale-max {ScaleMax}: need 0 < scale-min ≤ scale-max ≤ 1");
        if (!(RotateDegrees is >= 0 and <= 180))
            throw new ArgumentException($"rotate {RotateDegrees}: allowed 0..180 degrees");
        if (ObjectsPerImage is < 1 or > MaxObjectsPerImage)
            throw new ArgumentException($"objects-per-image {ObjectsPerImage}: allowed 1..{MaxObjectsPerImage}");
        if (GradientNoise is < 0 or > 64)
            throw new ArgumentException($"gradient-noise {GradientNoise}: allowed 0..64");
        if (!Enum.IsDefined(Background))
            throw new ArgumentException($"background-kind {Background}: allowed gradient, noise, mixed");
        return this;
    }
}
