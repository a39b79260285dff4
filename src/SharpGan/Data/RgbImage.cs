namespace SharpGan.Data;

/// <summary>An 8-bit RGB picture, rows top to bottom, pixels interleaved (HWC).</summary>
public sealed record RgbImage(int Width, int Height, byte[] Pixels)
{
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            int i = 3 * (y * Width + x);
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }
}
