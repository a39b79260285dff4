namespace SharpGan.Onnx;

/// <summary>Images as the graph's <c>image</c> output holds them: <paramref name="Count"/>×3×S×S floats in [-1, 1].</summary>
public sealed record GeneratedImages(float[] Values, int Count, int Size)
{
    public static GeneratedImages Concat(IEnumerable<GeneratedImages> parts)
    {
        var list = parts.ToList();
        if (list.Count == 0) throw new ArgumentException("no images to join");
        int size = list[0].Size;
        if (list.Any(p => p.Size != size)) throw new ArgumentException("images of different sizes cannot be joined");
        return new GeneratedImages(list.SelectMany(p => p.Values).ToArray(), list.Sum(p => p.Count), size);
    }
}

/// <summary>An 8-bit picture, RGB interleaved, rows top to bottom (SharpGan's <c>RgbImage</c>, without SharpGan).</summary>
public sealed record RgbPicture(int Width, int Height, byte[] Pixels);
