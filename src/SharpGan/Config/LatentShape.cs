namespace SharpGan.Config;

/// <summary>The generator's input noise shape, written C×H×W as in "100x1x1" or "32x2x2"; H equals W.</summary>
public readonly record struct LatentShape(int Channels, int Size)
{
    public static LatentShape Parse(string text)
    {
        var parts = text.ToLowerInvariant().Replace('×', 'x').Split('x');
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, out _)))
            throw new FormatException($"latent shape '{text}' is not of the form CxHxW, e.g. 100x1x1 or 32x2x2");
        if (!parts.All(p => int.Parse(p) > 0))
            throw new FormatException($"latent shape '{text}': channels, height and width must each be at least 1");
        int c = int.Parse(parts[0]), h = int.Parse(parts[1]), w = int.Parse(parts[2]);
        if (h != w)
            throw new FormatException($"latent shape '{text}' must be square (H = W)");
        return new LatentShape(c, h);
    }

    public long[] BatchShape(long batch) => [batch, Channels, Size, Size];

    public override string ToString() => $"{Channels}x{Size}x{Size}";
}
