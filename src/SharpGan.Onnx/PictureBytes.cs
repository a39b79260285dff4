namespace SharpGan.Onnx;

/// <summary>
/// Images in [-1, 1] → 8-bit pictures and grids, byte for byte as SharpGan's <c>ImageTensors</c> makes them from
/// tensors: (x + 1)·127.5 in float32, rounded half to even (torch's <c>round_</c>), clamped to 0…255.
/// </summary>
public static class PictureBytes
{
    public static byte ToByte(float value)
    {
        float scaled = MathF.Round((value + 1f) * 127.5f, MidpointRounding.ToEven);
        return scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)scaled;
    }

    /// <summary>Bytes in [0, 255] → floats in [-1, 1] as SharpGan feeds pictures to a network (b / 127.5 − 1 in float32).</summary>
    public static float FromByte(byte value) => value / 127.5f - 1f;

    /// <summary>Each image as its own picture.</summary>
    public static IReadOnlyList<RgbPicture> ToImages(GeneratedImages images)
    {
        int size = images.Size, plane = size * size;
        var pictures = new List<RgbPicture>(images.Count);
        for (int k = 0; k < images.Count; k++)
        {
            var pixels = new byte[3 * plane];
            var chw = images.Values.AsSpan(k * 3 * plane, 3 * plane);
            for (int i = 0; i < plane; i++)
                for (int c = 0; c < 3; c++)
                    pixels[3 * i + c] = ToByte(chw[c * plane + i]);
            pictures.Add(new RgbPicture(size, size, pixels));
        }
        return pictures;
    }

    /// <summary>Tiles the images row by row, <paramref name="columns"/> wide, <paramref name="gap"/> pixels of
    /// <paramref name="gapShade"/> around and between them.</summary>
    public static RgbPicture ToGrid(GeneratedImages images, int columns, int gap = 2, byte gapShade = 0)
    {
        int n = images.Count, size = images.Size, plane = size * size;
        int rows = (n + columns - 1) / columns;
        int width = columns * size + (columns + 1) * gap, height = rows * size + (rows + 1) * gap;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, gapShade);
        for (int k = 0; k < n; k++)
        {
            int x0 = gap + (k % columns) * (size + gap), y0 = gap + (k / columns) * (size + gap);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    for (int c = 0; c < 3; c++)
                        pixels[3 * ((y0 + y) * width + x0 + x) + c] = ToByte(images.Values[k * 3 * plane + c * plane + y * size + x]);
        }
        return new RgbPicture(width, height, pixels);
    }

    /// <summary>The near-square layout SharpGan's grids use: ⌈√n⌉ columns.</summary>
    public static int GridColumns(int n) => (int)Math.Ceiling(Math.Sqrt(n));
}
