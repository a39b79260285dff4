using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.Files;

/// <summary>Writes pictures as PNG, atomically (temp file + rename).</summary>
public static class PngFile
{
    public static void Write(string path, RgbImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0, n = image.Width * image.Height; i < n; i++)
        {
            pixels[4 * i] = image.Pixels[3 * i];
            pixels[4 * i + 1] = image.Pixels[3 * i + 1];
            pixels[4 * i + 2] = image.Pixels[3 * i + 2];
            pixels[4 * i + 3] = 255;
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.AsSpan());
    }

    /// <summary>Writes straight (unpremultiplied) RGBA bytes, rows top to bottom.</summary>
    public static void WriteRgba(string path, int width, int height, ReadOnlySpan<byte> rgba)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        rgba.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.AsSpan());
    }

    /// <summary>Writes one byte per pixel as a grayscale PNG, rows top to bottom (masks: a third of RGB's bytes).</summary>
    public static void WriteGray(string path, int width, int height, ReadOnlySpan<byte> gray)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.AsSpan());
    }
}
