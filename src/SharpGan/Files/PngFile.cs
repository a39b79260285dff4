using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.Files;

/// <summary>Writes pictures as PNG, atomically (temp file + rename).</summary>
public static class PngFile
{
    /// <summary>One writer for both samplers: an ONNX export's pictures and a checkpoint's are the same files.</summary>
    public static void Write(string path, RgbImage image) =>
        Onnx.PngPicture.Write(path, new Onnx.RgbPicture(image.Width, image.Height, image.Pixels));

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
