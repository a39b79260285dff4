using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.DataTools;

/// <summary>A photo usable as a background: its path, its name relative to the backgrounds folder, its size.</summary>
internal sealed record BackgroundPhoto(string Path, string Source, int Width, int Height);

/// <summary>
/// The canvases objects are pasted on: generated (gradient, value noise) or cropped from photos. Generated ones are
/// never flat, so that a model cannot find the object by looking for the one pixel colour that is not background.
/// </summary>
internal static class CompositeBackgrounds
{
    /// <summary>Every supported image under <paramref name="folder"/> whose header decodes, by name; the others with why.</summary>
    /// <exception cref="DataException">The folder does not exist or holds no decodable image.</exception>
    public static (IReadOnlyList<BackgroundPhoto> Photos, IReadOnlyList<SkippedFile> Skipped) FindPhotos(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DataException($"backgrounds folder '{folder}' does not exist");
        var photos = new List<BackgroundPhoto>();
        var skipped = new List<SkippedFile>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported).Order(StringComparer.Ordinal))
        {
            var source = Path.GetRelativePath(folder, file);
            if (InputFile.Problem(file) is { } problem)
            {
                skipped.Add(new SkippedFile(source, problem));
                continue;
            }
            using var codec = SKCodec.Create(file, out var status);
            if (codec is null)
                skipped.Add(new SkippedFile(source, $"not a decodable image ({status})"));
            else
                photos.Add(new BackgroundPhoto(file, source, codec.Info.Width, codec.Info.Height));
        }
        if (photos.Count == 0)
            throw new DataException(skipped.Count == 0
                ? $"backgrounds folder '{folder}' holds no picture ({string.Join(' ', ImageLoader.Extensions)})"
                : $"backgrounds folder '{folder}': none of its {skipped.Count} pictures decodes (first: {skipped[0].Path}: {skipped[0].Reason})");
        return (photos, skipped);
    }

    /// <summary>What the CSV calls a background: its kind, or the photo it was cut from.</summary>
    public static string Name(BackgroundPlan plan, IReadOnlyList<BackgroundPhoto> photos) => plan switch
    {
        GradientPlan => "gradient",
        ValueNoisePlan => "noise",
        PhotoCropPlan crop => photos[crop.Photo].Source,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.GetType().Name),
    };

    /// <summary>An opaque <paramref name="size"/>² premultiplied RGBA bitmap to draw on.</summary>
    /// <exception cref="DataException">A photo that decoded its header at the start fails to decode now.</exception>
    public static SKBitmap Render(BackgroundPlan plan, int size, IReadOnlyList<BackgroundPhoto> photos) => plan switch
    {
        GradientPlan gradient => FromRgb(Gradient(gradient, size), size),
        ValueNoisePlan noise => FromRgb(ValueNoise(noise, size), size),
        PhotoCropPlan crop => Crop(crop, photos[crop.Photo], size),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.GetType().Name),
    };

    /// <summary>RGB bytes (HWC): the colour at a pixel is the gradient at its centre's projection on the direction,
    /// the ends of the gradient at the canvas corners furthest along it, plus uniform noise in ±<see cref="GradientPlan.NoiseAmplitude"/> per channel.</summary>
    public static byte[] Gradient(GradientPlan plan, int size)
    {
        double radians = plan.Degrees * Math.PI / 180, dx = Math.Cos(radians), dy = Math.Sin(radians);
        double reach = size / 2.0 * (Math.Abs(dx) + Math.Abs(dy));
        var noise = new Random(plan.NoiseSeed);
        var rgb = new byte[3 * size * size];
        for (int y = 0, i = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double along = ((x + 0.5 - size / 2.0) * dx + (y + 0.5 - size / 2.0) * dy) / reach;
                double t = (along + 1) / 2;
                rgb[i++] = Channel(plan.From.R + t * (plan.To.R - plan.From.R) + noise.Next(-plan.NoiseAmplitude, plan.NoiseAmplitude + 1));
                rgb[i++] = Channel(plan.From.G + t * (plan.To.G - plan.From.G) + noise.Next(-plan.NoiseAmplitude, plan.NoiseAmplitude + 1));
                rgb[i++] = Channel(plan.From.B + t * (plan.To.B - plan.From.B) + noise.Next(-plan.NoiseAmplitude, plan.NoiseAmplitude + 1));
            }
        return rgb;
    }

    /// <summary>RGB bytes (HWC): the lattice's corners on the canvas's corner pixels, bilinear in between.</summary>
    public static byte[] ValueNoise(ValueNoisePlan plan, int size)
    {
        int grid = plan.Grid;
        var rgb = new byte[3 * size * size];
        for (int y = 0; y < size; y++)
        {
            var (row, fy) = Cell(y, size, grid);
            for (int x = 0; x < size; x++)
            {
                var (column, fx) = Cell(x, size, grid);
                for (int c = 0; c < 3; c++)
                {
                    double top = Lerp(plan.Colours[3 * (row * grid + column) + c], plan.Colours[3 * (row * grid + column + 1) + c], fx);
                    double bottom = Lerp(plan.Colours[3 * ((row + 1) * grid + column) + c], plan.Colours[3 * ((row + 1) * grid + column + 1) + c], fx);
                    rgb[3 * (y * size + x) + c] = Channel(Lerp(top, bottom, fy));
                }
            }
        }
        return rgb;
    }

    /// <summary>The lattice cell a pixel falls in (its left/top index) and how far across it.</summary>
    static (int Index, double Fraction) Cell(int pixel, int size, int grid)
    {
        double u = pixel * (grid - 1) / (double)(size - 1);
        int index = Math.Min((int)u, grid - 2);
        return (index, u - index);
    }

    static SKBitmap Crop(PhotoCropPlan crop, BackgroundPhoto photo, int size)
    {
        SKBitmap decoded;
        try { decoded = ImageLoader.Decode(photo.Path); }
        catch (InvalidDataException e) { throw new DataException($"background '{photo.Path}': {e.Message}", e); }
        using (decoded)
        using (var image = SKImage.FromBitmap(decoded))
        {
            var canvasBitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(canvasBitmap);
            using var paint = new SKPaint();
            // A photo with transparency shows white there, as `data prepare` flattens it by default.
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, SKRect.Create(crop.Left, crop.Top, crop.Side, crop.Side), SKRect.Create(size, size),
                Sampling(crop.Side > size), paint);
            return canvasBitmap;
        }
    }

    /// <summary>Mipmaps when shrinking (no aliasing from a photo many times the canvas), Mitchell when enlarging.</summary>
    internal static SKSamplingOptions Sampling(bool shrinking) => shrinking
        ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
        : new SKSamplingOptions(SKCubicResampler.Mitchell);

    static SKBitmap FromRgb(byte[] rgb, int size)
    {
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < size * size; i++)
        {
            pixels[4 * i] = rgb[3 * i];
            pixels[4 * i + 1] = rgb[3 * i + 1];
            pixels[4 * i + 2] = rgb[3 * i + 2];
            pixels[4 * i + 3] = 255;
        }
        return bitmap;
    }

    static double Lerp(double a, double b, double t) => a + t * (b - a);

    static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
