using SkiaSharp;

namespace SharpGan.DataTools;

/// <summary>
/// What a file holds before conversion, read from its header: the container, and for PNG the bit depth and colour
/// type, for JPEG the component count (4 = CMYK), for GIF the frame count. SkiaSharp decodes all of these to 8-bit
/// RGBA without saying what it converted, and the prepare report must say it.
/// </summary>
internal sealed record SourceFormat(string Container, int Width, int Height, int BitDepth, string Colour, int Frames)
{
    public static SourceFormat Read(string path, byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not a decodable image");
        var container = codec.EncodedFormat.ToString().ToLowerInvariant();
        var (depth, colour) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => Png(bytes),
            SKEncodedImageFormat.Jpeg => (8, JpegComponents(bytes) switch { 1 => "grayscale", 4 => "CMYK", _ => "RGB" }),
            _ => (8, codec.Info.ColorType == SKColorType.Gray8 ? "grayscale" : codec.EncodedFormat == SKEncodedImageFormat.Gif ? "palette" : "RGB"),
        };
        return new SourceFormat(container, codec.Info.Width, codec.Info.Height, depth, colour, Math.Max(1, codec.FrameCount));
    }

    /// <summary>The conversions that turning this into 8-bit RGB takes, in words, or none.</summary>
    public IEnumerable<string> Conversions(bool hasTransparency, string background)
    {
        if (Colour != "RGB") yield return $"{Colour} → RGB";
        if (BitDepth > 8) yield return $"{BitDepth}-bit → 8-bit";
        if (hasTransparency) yield return $"transparency flattened over {background}";
        if (Frames > 1) yield return $"first of {Frames} frames";
    }

    /// <summary>IHDR: bit depth at byte 24, colour type at 25 (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA).</summary>
    static (int, string) Png(byte[] b) => b.Length < 26 ? (8, "RGB") : (b[24], b[25] switch
    {
        0 => "grayscale",
        3 => "palette",
        4 => "grayscale+alpha",
        6 => "RGBA",
        _ => "RGB",
    });

    /// <summary>The component count of the first start-of-frame segment.</summary>
    static int JpegComponents(byte[] b)
    {
        for (int i = 2; i + 9 < b.Length;)
        {
            if (b[i] != 0xFF) { i++; continue; }
            byte marker = b[i + 1];
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
                return b[i + 9];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; }
            i += 2 + (b[i + 2] << 8 | b[i + 3]);
        }
        return 3;
    }
}
