using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.DataTools;

/// <summary>
/// An object to paste: a picture with transparency, cropped to the pixels that show, so that its scale and its
/// bounding box describe the visible object rather than the file's transparent margin.
/// </summary>
internal sealed class CutOut : IDisposable
{
    /// <summary>The source, relative to the objects folder.</summary>
    public string Source { get; }

    /// <summary>Straight-alpha RGBA; SkImage is immutable, so one instance is drawn from every thread at once.</summary>
    public SKImage Image { get; }

    public int Width => Image.Width;
    public int Height => Image.Height;

    CutOut(string source, SKImage image) => (Source, Image) = (source, image);

    /// <exception cref="InvalidDataException">Undecodable, or without the transparency a mask is made from; the message says which.</exception>
    public static CutOut Load(string path, string source)
    {
        using var bitmap = ImageLoader.Decode(path);
        var alpha = Alpha(bitmap);
        if (!alpha.Any(a => a < 255))
            throw new InvalidDataException("no transparent pixel: its mask would be the whole rectangle");
        if (!alpha.Any(a => a >= CompositeMask.Threshold))
            throw new InvalidDataException($"no pixel with alpha ≥ {CompositeMask.Threshold}: its mask would be empty");
        // A copy, not SKImage.Subset: when the bounds are the whole picture Subset hands back the very same native
        // image, hence the same managed wrapper, and disposing the whole would dispose the cut-out too.
        using var pixels = bitmap.PeekPixels();
        using var visible = pixels.ExtractSubset(VisibleBounds(alpha, bitmap.Width));
        return new CutOut(source, SKImage.FromPixelCopy(visible));
    }

    /// <summary>The smallest rectangle holding every pixel that is not fully transparent.</summary>
    static SKRectI VisibleBounds(byte[] alpha, int width)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int i = 0; i < alpha.Length; i++)
        {
            if (alpha[i] == 0) continue;
            int x = i % width, y = i / width;
            left = Math.Min(left, x);
            right = Math.Max(right, x);
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
        }
        return new SKRectI(left, top, right + 1, bottom + 1);
    }

    static byte[] Alpha(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        var alpha = new byte[pixels.Length / 4];
        for (int i = 0; i < alpha.Length; i++)
            alpha[i] = pixels[4 * i + 3];
        return alpha;
    }

    public void Dispose() => Image.Dispose();
}
