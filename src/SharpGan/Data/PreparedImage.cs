namespace SharpGan.Data;

/// <summary>
/// One training image at the model's size, as bytes: RGB planes (CHW) already composited over the background,
/// and the alpha plane kept as the object mask (all 255 when the file had no transparency).
/// </summary>
public sealed record PreparedImage(string Path, int Size, byte[] Rgb, byte[] Alpha, bool HadAlpha)
{
    /// <summary>The file's own size, before it was brought to <see cref="Size"/>.</summary>
    public int SourceWidth { get; init; }
    public int SourceHeight { get; init; }

    /// <summary>What looked wrong with its mask when loaded with one (<see cref="ImageLoader.LoadWithMask"/>).</summary>
    public MaskFlaw MaskFlaws { get; init; }
}
