namespace SharpGan.DataTools;

/// <summary>
/// The mask of a composite: 255 where a placed object's alpha is at least half, 0 elsewhere; objects that overlap
/// give the union. Binarised because the training side reads a mask as "object or not", and half opacity is where
/// an anti-aliased edge is as much object as background.
/// </summary>
internal static class CompositeMask
{
    public const byte Threshold = 128;

    /// <summary>Marks in <paramref name="mask"/> (one byte per pixel) the pixels of one object's layer (RGBA) that count.</summary>
    public static void Add(Span<byte> mask, ReadOnlySpan<byte> layerRgba)
    {
        for (int i = 0; i < mask.Length; i++)
            if (layerRgba[4 * i + 3] >= Threshold)
                mask[i] = 255;
    }
}
