namespace SharpGan.Tests.Segmentation;

/// <summary>Probability maps drawn by hand: a background value with rectangles of another.</summary>
static class Maps
{
    public static float[] Draw(int width, int height, float background, float inside, params (int X, int Y, int W, int H)[] rectangles)
    {
        var map = Enumerable.Repeat(background, width * height).ToArray();
        foreach (var (x0, y0, w, h) in rectangles)
            for (int y = y0; y < y0 + h; y++)
                for (int x = x0; x < x0 + w; x++)
                    map[y * width + x] = inside;
        return map;
    }
}
