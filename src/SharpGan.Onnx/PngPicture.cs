using SkiaSharp;

namespace SharpGan.Onnx;

/// <summary>Writes pictures as PNG the way SharpGan does (Skia, opaque RGBA, through a temporary file renamed into place),
/// so an ONNX sample and a checkpoint sample of the same pixels are the same file.</summary>
public static class PngPicture
{
    public static void Write(string path, RgbPicture picture)
    {
        var bytes = Encode(picture);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The PNG file's bytes, as <see cref="Write"/> writes them.</summary>
    public static byte[] Encode(RgbPicture picture)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(picture.Width, picture.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        for (int i = 0, n = picture.Width * picture.Height; i < n; i++)
        {
            rgba[4 * i] = picture.Pixels[3 * i];
            rgba[4 * i + 1] = picture.Pixels[3 * i + 1];
            rgba[4 * i + 2] = picture.Pixels[3 * i + 2];
            rgba[4 * i + 3] = 255;
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
