namespace SharpGan.Segmentation;

/// <summary>The smallest rectangle holding every mask pixel: columns Left..Right and rows Top..Bottom, inclusive.</summary>
public sealed record MaskBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left + 1;
    public int Height => Bottom - Top + 1;
}

/// <summary>What a predicted mask says about its image (see <see cref="MaskStatistics.Of(ReadOnlySpan{float}, int, int)"/>).</summary>
/// <param name="Area">Share of the image's pixels in the mask (p ≥ 0.5).</param>
/// <param name="LargestComponent">Share of the mask's pixels in its largest 8-connected piece; 0 for an empty mask.</param>
/// <param name="Confidence">Mean over every pixel of max(p, 1 − p): 1 when the model is sure of each pixel, either
/// way; 0.5 when it cannot tell object from background anywhere.</param>
/// <param name="BorderShare">Share of the image's outermost pixels in the mask: how much of the frame the object touches.</param>
/// <param name="Box">The mask's bounding box, or null when the mask is empty.</param>
public sealed record MaskStats(double Area, double LargestComponent, double Confidence, double BorderShare, MaskBox? Box);

/// <summary>Measures one probability map on the host: no tensors, so callers can run it over thousands of images in parallel.</summary>
internal static class MaskStatistics
{
    public const float Threshold = 0.5f;

    /// <summary>Statistics of a <paramref name="width"/>×<paramref name="height"/> map of probabilities, rows top to bottom.</summary>
    public static MaskStats Of(ReadOnlySpan<float> probabilities, int width, int height)
    {
        if (probabilities.Length != width * height)
            throw new ArgumentException($"a {width}×{height} map needs {width * height} values, got {probabilities.Length}");
        var inside = new bool[probabilities.Length];
        double sure = 0;
        int area = 0;
        for (int i = 0; i < inside.Length; i++)
        {
            float p = probabilities[i];
            inside[i] = p >= Threshold;
            if (inside[i]) area++;
            sure += Math.Max(p, 1 - p);
        }
        return new MaskStats((double)area / inside.Length, area == 0 ? 0 : (double)LargestComponentSize(inside, width, height) / area,
            sure / inside.Length, BorderShare(inside, width, height), BoundingBox(inside, width, height));
    }

    /// <summary>The same for a map stored as bytes, 0..255 standing for probabilities 0..1 (a mask file).</summary>
    public static MaskStats Of(ReadOnlySpan<byte> map, int width, int height)
    {
        var probabilities = new float[map.Length];
        for (int i = 0; i < map.Length; i++) probabilities[i] = map[i] / 255f;
        return Of(probabilities, width, height);
    }

    /// <summary>Pixels in the largest 8-connected set of mask pixels (an explicit stack: no recursion depth limit).</summary>
    public static int LargestComponentSize(bool[] inside, int width, int height)
    {
        var seen = new bool[inside.Length];
        var stack = new Stack<int>();
        int largest = 0;
        for (int start = 0; start < inside.Length; start++)
        {
            if (!inside[start] || seen[start]) continue;
            int size = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                size++;
                int x = i % width, y = i / width;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        int n = ny * width + nx;
                        if (inside[n] && !seen[n])
                        {
                            seen[n] = true;
                            stack.Push(n);
                        }
                    }
            }
            largest = Math.Max(largest, size);
        }
        return largest;
    }

    static double BorderShare(bool[] inside, int width, int height)
    {
        int border = 0, touched = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (x != 0 && y != 0 && x != width - 1 && y != height - 1) continue;
                border++;
                if (inside[y * width + x]) touched++;
            }
        return (double)touched / border;
    }

    static MaskBox? BoundingBox(bool[] inside, int width, int height)
    {
        int left = width, top = height, right = -1, bottom = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (!inside[y * width + x]) continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
            }
        return right < 0 ? null : new MaskBox(left, top, right, bottom);
    }
}
