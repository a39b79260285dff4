namespace SharpGan.Data;

/// <summary>What can be wrong with a mask that is still usable: a mask-conditioned model learns nothing of where an
/// object is from an empty or full mask, and a gray or coloured one is binarised in ways its author may not expect.</summary>
[Flags]
public enum MaskFlaw
{
    None = 0,
    /// <summary>No object pixel once binarised.</summary>
    Empty = 1,
    /// <summary>Every pixel object once binarised (e.g. data.masks alpha on pictures without transparency).</summary>
    Full = 2,
    /// <summary>Gray values between black and white, beyond anti-aliased edges.</summary>
    Gray = 4,
    /// <summary>A luminance mask whose red, green and blue differ: a picture rather than a mask.</summary>
    Colour = 8,
}

/// <summary>Finds <see cref="MaskFlaw"/>s in a mask's pixels and counts them over a set for the data report.</summary>
internal static class MaskFlaws
{
    /// <summary>Values at or below this are clearly background, at or above 255 − this clearly object.</summary>
    const int Clear = 31;

    /// <summary>
    /// Share of pixels that may be gray away from any edge (no clear background and object within 2 px) before a mask
    /// counts as not binary. Anti-aliased cut-outs are gray only along edges: the flowers' alpha masks have a median of
    /// 0.1 % and at most 3.8 % such pixels; a soft or photographic mask has far more.
    /// </summary>
    const double GrayShare = 0.05;

    /// <summary>Share of pixels whose channels may differ by more than <see cref="ColourSpread"/> (JPEG's chroma noise stays below it).</summary>
    const double ColourShare = 0.01;
    const int ColourSpread = 24;

    const int EdgeRadius = 2;

    /// <summary>Gray and colour flaws of a decoded mask (straight RGBA, <paramref name="width"/> × <paramref name="height"/>):
    /// its alpha when <paramref name="cutOut"/>, else its luminance.</summary>
    public static MaskFlaw OfSource(ReadOnlySpan<byte> rgba, int width, int height, bool cutOut)
    {
        int plane = width * height, coloured = 0;
        var values = new byte[plane];
        for (int i = 0; i < plane; i++)
        {
            byte r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
            values[i] = cutOut ? rgba[4 * i + 3] : (byte)((r * 299 + g * 587 + b * 114 + 500) / 1000);
            if (!cutOut && Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > ColourSpread) coloured++;
        }
        var flaws = coloured > ColourShare * plane ? MaskFlaw.Colour : MaskFlaw.None;
        return SoftPixels(values, width, height) > GrayShare * plane ? flaws | MaskFlaw.Gray : flaws;
    }

    /// <summary>Empty or full: a binarised mask (0 or 255 per pixel) as the model sees it.</summary>
    public static MaskFlaw OfBinary(ReadOnlySpan<byte> mask) =>
        !mask.ContainsAnyExcept((byte)0) ? MaskFlaw.Empty : !mask.ContainsAnyExcept((byte)255) ? MaskFlaw.Full : MaskFlaw.None;

    /// <summary>One line per flaw found: how many of the masks have it and the first few by name.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<(string Name, MaskFlaw Flaws)> masks)
    {
        foreach (var (flaw, words) in Words)
        {
            var names = masks.Where(m => m.Flaws.HasFlag(flaw)).Select(m => m.Name).ToList();
            if (names.Count > 0)
                yield return $"{names.Count} of {masks.Count} mask(s) {words}: {string.Join(", ", names.Take(Examples))}{(names.Count > Examples ? ", …" : "")}";
        }
    }

    const int Examples = 3;

    static readonly (MaskFlaw Flaw, string Words)[] Words =
    [
        (MaskFlaw.Empty, "empty (no object pixel)"),
        (MaskFlaw.Full, "full (every pixel object)"),
        (MaskFlaw.Gray, "not binary (gray beyond the edges; binarised at 0.5)"),
        (MaskFlaw.Colour, "in colour, not gray (read as luminance)"),
    ];

    /// <summary>Gray pixels with no clear background and clear object both within <see cref="EdgeRadius"/>: not an anti-aliased edge.</summary>
    static int SoftPixels(byte[] values, int width, int height)
    {
        int soft = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int v = values[y * width + x];
                if (v <= Clear || v >= 255 - Clear) continue;
                bool background = false, objectPixel = false;
                for (int yy = Math.Max(0, y - EdgeRadius); yy <= Math.Min(height - 1, y + EdgeRadius); yy++)
                    for (int xx = Math.Max(0, x - EdgeRadius); xx <= Math.Min(width - 1, x + EdgeRadius); xx++)
                    {
                        int n = values[yy * width + xx];
                        background |= n <= Clear;
                        objectPixel |= n >= 255 - Clear;
                    }
                if (!(background && objectPixel)) soft++;
            }
        return soft;
    }
}
