using SharpGan.Data;
using SharpGan.Reporting;
using SharpGan.Files;

namespace SharpGan.Tests.Data;

/// <summary>Mask files drawn pixel by pixel: a clean one and one of each flaw <see cref="MaskFlaws"/> looks for.</summary>
static class TestMasks
{
    public static string Quarter(string path, int width, int height) =>
        Write(path, width, height, (x, y) => x < width / 2 && y < height / 2 ? White : Black);

    public static string Empty(string path, int side) => Write(path, side, side, (_, _) => Black);

    public static string Full(string path, int side) => Write(path, side, side, (_, _) => White);

    /// <summary>A left-to-right ramp from black to white: gray nearly everywhere, no edge.</summary>
    public static string Ramp(string path, int side) => Write(path, side, side, (x, _) => Gray(x * 255 / (side - 1)));

    /// <summary>A yellow quarter: bright enough to count as object, but plainly not gray.</summary>
    public static string Yellow(string path, int side) =>
        Write(path, side, side, (x, y) => x < side / 2 && y < side / 2 ? ((byte)255, (byte)255, (byte)0) : Black);

    static readonly (byte, byte, byte) White = Gray(255), Black = Gray(0);

    static (byte, byte, byte) Gray(int v) => ((byte)v, (byte)v, (byte)v);

    static string Write(string path, int width, int height, Func<int, int, (byte R, byte G, byte B)> colour)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                (pixels[3 * (y * width + x)], pixels[3 * (y * width + x) + 1], pixels[3 * (y * width + x) + 2]) = colour(x, y);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PngFile.Write(path, new RgbImage(width, height, pixels));
        return path;
    }
}
