using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>Conversions between image tensors in [-1, 1] and 8-bit pictures.</summary>
public static class ImageTensors
{
    /// <summary>Images in [-1, 1] → bytes in the tensor's logical order (B×3×S×S gives CHW planes), rounded and clamped.</summary>
    public static byte[] ToBytes(Tensor images)
    {
        using var scope = NewDisposeScope();
        var u8 = images.detach().cpu().to_type(ScalarType.Float32).add(1).mul_(127.5).round_().clamp_(0, 255).to_type(ScalarType.Byte).contiguous();
        return u8.data<byte>().ToArray();
    }

    /// <summary>Tiles a batch into one picture, <paramref name="columns"/> wide, with a gap of <paramref name="gap"/> pixels.</summary>
    public static RgbImage ToGrid(Tensor images, int columns, int gap = 2, byte gapShade = 0)
    {
        int n = (int)images.shape[0], size = (int)images.shape[2];
        int rows = (n + columns - 1) / columns;
        var chw = ToBytes(images);
        int width = columns * size + (columns + 1) * gap, height = rows * size + (rows + 1) * gap;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, gapShade);
        int plane = size * size;
        for (int k = 0; k < n; k++)
        {
            int x0 = gap + (k % columns) * (size + gap), y0 = gap + (k / columns) * (size + gap);
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    int dst = 3 * ((y0 + y) * width + x0 + x), src = k * 3 * plane + y * size + x;
                    pixels[dst] = chw[src];
                    pixels[dst + 1] = chw[src + plane];
                    pixels[dst + 2] = chw[src + 2 * plane];
                }
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Each image of a batch in [-1, 1] as its own RGB picture.</summary>
    public static IReadOnlyList<RgbImage> ToImages(Tensor images)
    {
        int n = (int)images.shape[0], height = (int)images.shape[2], width = (int)images.shape[3], size = 3 * height * width;
        var hwc = ToBytes(images.permute(0, 2, 3, 1));   // pixel-interleaved, as RgbImage holds them
        return Enumerable.Range(0, n).Select(k => new RgbImage(width, height, hwc.AsSpan(k * size, size).ToArray())).ToList();
    }

    /// <summary>Luminance of images in [-1, 1] (ITU-R 601 weights), B×1×H×W in [-1, 1].</summary>
    public static Tensor Luminance(Tensor images)
    {
        using var weights = tensor(new float[] { 0.299f, 0.587f, 0.114f });
        return images.mul(weights.view(1, 3, 1, 1)).sum(1, keepdim: true);
    }

    /// <summary>The usual near-square layout: ⌈√n⌉ columns.</summary>
    public static int GridColumns(int n) => (int)Math.Ceiling(Math.Sqrt(n));
}
