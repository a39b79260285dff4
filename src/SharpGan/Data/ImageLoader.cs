using SharpGan.Config;
using SkiaSharp;

namespace SharpGan.Data;

/// <summary>
/// Decodes one file with SkiaSharp (PNG, JPEG, WebP, BMP, GIF's first frame; grayscale and palette become RGB)
/// and brings it to a square of the model's size.
/// </summary>
public static class ImageLoader
{
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"];

    public static bool IsSupported(string path) =>
        Extensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Decodes to straight (unpremultiplied) RGBA at the file's own size.</summary>
    /// <exception cref="InvalidDataException">The file is empty, not an image, or truncated; the message says which.</exception>
    /// <exception cref="IOException">It is not a regular file or cannot be read (<see cref="InputFile.Reason"/> words it).</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static SKBitmap Decode(string path) => Decode(InputFile.ReadAllBytes(path));

    /// <summary>Decodes a file's bytes, already read, to straight RGBA.</summary>
    /// <exception cref="InvalidDataException">They are empty, not an image, or truncated; the message says which.</exception>
    public static SKBitmap Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
            throw new InvalidDataException("empty file (0 bytes)");
        // The codec owns the stream once made (and frees it at once when it fails).
        // Unimplemented is Skia's word for "no decoder knows this format", which reads like a gap in SharpGan.
        using var codec = SKCodec.Create(new SKMemoryStream(bytes), out var status)
            ?? throw new InvalidDataException(status == SKCodecResult.Unimplemented ? "not a decodable image" : $"not a decodable image ({status})");
        var target = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? "truncated image data"
                : $"decoding failed ({result})");
        }
        return bitmap;
    }

    /// <summary>Decodes and resizes to <paramref name="size"/>², compositing transparency over <paramref name="background"/>.</summary>
    public static PreparedImage Load(string path, int size, ResizeMode mode, (byte R, byte G, byte B) background)
    {
        using var source = Decode(path);
        return Prepare(path, source, size, mode, background);
    }

    /// <summary>
    /// An image with a binary object mask at <paramref name="size"/>²: the mask file's value (its alpha if it has
    /// transparency, else its luminance), or the image's alpha when <paramref name="maskPath"/> is null, placed and resized exactly as the image
    /// and binarised at 0.5, so mask pixels line up with image pixels. <see cref="PreparedImage.MaskFlaws"/> says what looked wrong with it.
    /// </summary>
    /// <exception cref="InvalidDataException">Either file cannot be decoded; the message names the mask when it is the culprit.</exception>
    /// <exception cref="DataException">The mask's size differs from the image's.</exception>
    public static PreparedImage LoadWithMask(string path, string? maskPath, int size, ResizeMode mode, (byte R, byte G, byte B) background)
    {
        using var source = Decode(path);
        var image = Prepare(path, source, size, mode, background);
        if (maskPath is null)
        {
            var alpha = Binarise(image.Alpha);
            return image with { Alpha = alpha, MaskFlaws = MaskFlaws.OfSource(source.GetPixelSpan(), source.Width, source.Height, cutOut: true) | MaskFlaws.OfBinary(alpha) };
        }
        using var mask = DecodeMask(maskPath, out var flaws);
        if (mask.Width != source.Width || mask.Height != source.Height)
            throw new DataException($"mask '{maskPath}' is {mask.Width}×{mask.Height} but its image '{path}' is {source.Width}×{source.Height}");
        var placed = Binarise(Prepare(maskPath, mask, size, mode, (0, 0, 0)).Rgb.AsSpan(0, size * size));
        return image with { Alpha = placed, MaskFlaws = flaws | MaskFlaws.OfBinary(placed) };
    }

    /// <summary>A mask file on its own at <paramref name="size"/>²: alpha or luminance, placed like an image, binarised at 0.5.</summary>
    public static PreparedMask LoadMask(string maskPath, int size, ResizeMode mode)
    {
        using var mask = DecodeMask(maskPath, out var flaws);
        var placed = Binarise(Prepare(maskPath, mask, size, mode, (0, 0, 0)).Rgb.AsSpan(0, size * size));
        return new PreparedMask(maskPath, placed, mask.Width, mask.Height, flaws | MaskFlaws.OfBinary(placed));
    }

    /// <summary>
    /// A mask file as opaque gray RGBA: its alpha when it has transparency (a cut-out object), else its luminance
    /// (white object on black); <paramref name="flaws"/>: whether it was gray or coloured before that.
    /// </summary>
    static SKBitmap DecodeMask(string maskPath, out MaskFlaw flaws)
    {
        SKBitmap decoded;
        try { decoded = Decode(maskPath); }
        catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e))
        {
            throw new InvalidDataException($"mask '{maskPath}': {InputFile.Reason(e)}", e);
        }
        bool cutOut = HasTransparency(decoded);
        var span = decoded.GetPixelSpan();
        flaws = MaskFlaws.OfSource(span, decoded.Width, decoded.Height, cutOut);
        var gray = new byte[span.Length];
        for (int i = 0; i < span.Length; i += 4)
        {
            byte v = cutOut ? span[i + 3] : (byte)((span[i] * 299 + span[i + 1] * 587 + span[i + 2] * 114 + 500) / 1000);
            gray[i] = gray[i + 1] = gray[i + 2] = v;
            gray[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(gray, 0, decoded.GetPixels(), gray.Length);
        return decoded;
    }

    /// <summary>0 or 255 at a threshold of 0.5 (128).</summary>
    static byte[] Binarise(ReadOnlySpan<byte> values)
    {
        var result = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i] >= 128 ? (byte)255 : (byte)0;
        return result;
    }

    public static PreparedImage Prepare(string path, SKBitmap source, int size, ResizeMode mode, (byte R, byte G, byte B) background)
    {
        bool hadAlpha = HasTransparency(source);
        // Resample premultiplied so transparent pixels' hidden colours do not bleed into edges.
        using var premul = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(premul))
        {
            canvas.Clear(SKColors.Transparent);
            using var image = SKImage.FromBitmap(source);
            var (src, dst) = Placement(source.Width, source.Height, size, mode);
            using var paint = new SKPaint { IsAntialias = true };
            // Mitchell's cubic does not interpolate (it smooths even at 1:1), so a picture already at the size is copied.
            var sampling = source.Width == size && source.Height == size ? new SKSamplingOptions(SKFilterMode.Nearest)
                : source.Width > size || source.Height > size ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKCubicResampler.Mitchell);
            canvas.DrawImage(image, src, dst, sampling, paint);
        }
        var pixels = premul.GetPixelSpan();
        int plane = size * size;
        var rgb = new byte[3 * plane];
        var alpha = new byte[plane];
        for (int i = 0; i < plane; i++)
        {
            int a = pixels[4 * i + 3];
            int keep = 255 - a;
            rgb[i] = (byte)(pixels[4 * i] + (background.R * keep + 127) / 255);
            rgb[plane + i] = (byte)(pixels[4 * i + 1] + (background.G * keep + 127) / 255);
            rgb[2 * plane + i] = (byte)(pixels[4 * i + 2] + (background.B * keep + 127) / 255);
            alpha[i] = (byte)a;
        }
        return new PreparedImage(path, size, rgb, alpha, hadAlpha) { SourceWidth = source.Width, SourceHeight = source.Height };
    }

    /// <summary>Source and destination rectangles: a centred square crop, or the whole picture fitted and centred.</summary>
    public static (SKRect Source, SKRect Destination) Placement(int width, int height, int size, ResizeMode mode)
    {
        if (mode == ResizeMode.Crop)
        {
            int side = Math.Min(width, height);
            float left = (width - side) / 2f, top = (height - side) / 2f;
            return (new SKRect(left, top, left + side, top + side), new SKRect(0, 0, size, size));
        }
        float scale = (float)size / Math.Max(width, height);
        float w = width * scale, h = height * scale;
        float x = (size - w) / 2f, y = (size - h) / 2f;
        return (new SKRect(0, 0, width, height), new SKRect(x, y, x + w, y + h));
    }

    static bool HasTransparency(SKBitmap bitmap)
    {
        var span = bitmap.GetPixelSpan();
        for (int i = 3; i < span.Length; i += 4)
            if (span[i] != 255) return true;
        return false;
    }
}
