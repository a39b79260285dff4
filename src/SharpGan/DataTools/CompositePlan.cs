namespace SharpGan.DataTools;

/// <summary>A background as drawn from the seed, before any pixel exists.</summary>
internal abstract record BackgroundPlan;

/// <summary>A linear gradient between two colours along a direction (degrees, clockwise from +x), plus faint
/// per-pixel noise from its own seed.</summary>
internal sealed record GradientPlan((byte R, byte G, byte B) From, (byte R, byte G, byte B) To, double Degrees, int NoiseSeed, int NoiseAmplitude = 8) : BackgroundPlan;

/// <summary>Smooth value noise: a Grid×Grid lattice of colours (RGB, row by row) stretched bilinearly over the canvas.</summary>
internal sealed record ValueNoisePlan(int Grid, byte[] Colours) : BackgroundPlan;

/// <summary>A square of one photo (an index into the photo list): top-left and side in the photo's pixels.</summary>
internal sealed record PhotoCropPlan(int Photo, int Left, int Top, int Side) : BackgroundPlan;

/// <summary>
/// One object on the canvas: which cut-out, its scale (its longer side over the canvas side), its angle (degrees,
/// clockwise on screen, as Skia turns), and the bounding box of the turned object: top-left in whole pixels, extent exact.
/// </summary>
internal sealed record Placement(int Object, double Scale, double Angle, int X, int Y, double BoxWidth, double BoxHeight)
{
    public int Width => WholePixels(BoxWidth);
    public int Height => WholePixels(BoxHeight);

    // 16.000000001 px is 16 px: the excess is cos/sin rounding, not coverage.
    public static int WholePixels(double extent) => (int)Math.Ceiling(extent - 1e-6);
}

internal sealed record ImagePlan(BackgroundPlan Background, IReadOnlyList<Placement> Objects);

/// <summary>
/// Every random choice of a composite run, drawn in one sequence from one seeded <see cref="Random"/> before anything
/// is rendered, so that rendering can run in any order on any number of threads and still give the same bytes.
/// Per image: the background, then per object its cut-out, scale, angle, x and y.
/// </summary>
internal static class CompositePlan
{
    public static ImagePlan[] Draw(CompositeOptions options, IReadOnlyList<(int Width, int Height)> cutOuts,
        IReadOnlyList<(int Width, int Height)> photos)
    {
        var random = new Random(options.Seed);
        var plans = new ImagePlan[options.Count];
        for (int i = 0; i < plans.Length; i++)
        {
            var background = photos.Count > 0 ? DrawPhotoCrop(random, photos) : DrawGenerated(random, options.Background, options.GradientNoise);
            var objects = new Placement[options.ObjectsPerImage];
            for (int k = 0; k < objects.Length; k++)
                objects[k] = DrawPlacement(random, options, cutOuts);
            plans[i] = new ImagePlan(background, objects);
        }
        return plans;
    }

    /// <summary>Uniform over every position where the turned object's box lies wholly inside the canvas: this is what
    /// puts objects off centre, and no object is ever cut by the edge.</summary>
    static Placement DrawPlacement(Random random, CompositeOptions options, IReadOnlyList<(int Width, int Height)> cutOuts)
    {
        int index = random.Next(cutOuts.Count);
        var (width, height) = cutOuts[index];
        double scale = Uniform(random, options.ScaleMin, options.ScaleMax);
        double angle = Uniform(random, -options.RotateDegrees, options.RotateDegrees);
        double radians = angle * Math.PI / 180, cos = Math.Abs(Math.Cos(radians)), sin = Math.Abs(Math.Sin(radians));
        double turnedWidth = width * cos + height * sin, turnedHeight = width * sin + height * cos;
        int longer = Math.Max(width, height);
        // A long object turned towards 45° can outgrow the canvas at a large scale: shrink it until it fits rather than
        // let it be cut. The scale written to the CSV is the one used.
        scale = Math.Min(scale, longer / Math.Max(turnedWidth, turnedHeight));
        double pixels = scale * options.Size / longer;
        double boxWidth = pixels * turnedWidth, boxHeight = pixels * turnedHeight;
        int x = random.Next(options.Size - Placement.WholePixels(boxWidth) + 1);
        int y = random.Next(options.Size - Placement.WholePixels(boxHeight) + 1);
        return new Placement(index, scale, angle, x, y, boxWidth, boxHeight);
    }

    static BackgroundPlan DrawGenerated(Random random, BackgroundKind kind, int gradientNoise)
    {
        if (kind == BackgroundKind.Mixed)
            kind = random.Next(2) == 0 ? BackgroundKind.Gradient : BackgroundKind.Noise;
        if (kind == BackgroundKind.Gradient)
            return new GradientPlan(Colour(random), Colour(random), random.NextDouble() * 360, random.Next(), gradientNoise);
        int grid = random.Next(4, 9);
        var colours = new byte[grid * grid * 3];
        random.NextBytes(colours);
        return new ValueNoisePlan(grid, colours);
    }

    /// <summary>A square of 50–100 % of the shorter side, anywhere in the photo.</summary>
    static PhotoCropPlan DrawPhotoCrop(Random random, IReadOnlyList<(int Width, int Height)> photos)
    {
        int index = random.Next(photos.Count);
        var (width, height) = photos[index];
        int side = Math.Max(1, (int)Math.Round(Math.Min(width, height) * Uniform(random, 0.5, 1)));
        return new PhotoCropPlan(index, random.Next(width - side + 1), random.Next(height - side + 1), side);
    }

    static (byte R, byte G, byte B) Colour(Random random) => ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    static double Uniform(Random random, double min, double max) => min + random.NextDouble() * (max - min);
}
