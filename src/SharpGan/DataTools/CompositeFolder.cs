using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using SharpGan.Config;
using SharpGan.Data;
using SkiaSharp;
using SharpGan.Files;

namespace SharpGan.DataTools;

/// <summary>
/// Builds image + mask pairs by pasting cut-outs (pictures with transparency) at random positions, scales and angles
/// on generated or photo backgrounds: training data whose objects are not all in the centre. Writes
/// <c>OUT/00000.png</c> (RGB), <c>OUT/masks/00000.png</c> (0/255, the pairing the training side reads),
/// <c>composite.csv</c> (one row per placed object), <c>composite.json</c> (options and counts) and the objects'
/// licence files under <c>licenses/</c>. The same options and seed give the same bytes.
/// </summary>
public static class CompositeFolder
{
    public const string CsvFile = "composite.csv";
    public const string SummaryFile = "composite.json";
    public const string MasksFolder = "masks";
    public const string LicensesFolder = "licenses";
    public const string CsvHeader = "file,object,x,y,width,height,scale,angle,background";

    /// <param name="Objects">Cut-outs used (after the skipped ones).</param>
    /// <param name="Backgrounds">Photos used; 0 when backgrounds were generated.</param>
    /// <param name="Licenses">Files copied into <c>licenses/</c>.</param>
    public sealed record Result(int Images, int Placed, int Objects, int Backgrounds, IReadOnlyList<SkippedFile> SkippedObjects,
        IReadOnlyList<SkippedFile> SkippedBackgrounds, IReadOnlyList<string> Licenses);

    /// <summary>composite.json. Written with no result before the first picture, so a stopped run's folder is still
    /// recognised as this tool's and may be written again.</summary>
    sealed record Summary(CompositeOptions Options, Result? Result);

    /// <exception cref="ArgumentException">An option out of range.</exception>
    /// <exception cref="DataException">A folder missing, without usable pictures, or an output that is not this tool's.</exception>
    public static Result Run(string objectsFolder, string output, CompositeOptions options, CancellationToken cancel = default)
    {
        options.Validate();
        if (!Directory.Exists(objectsFolder))
            throw new DataException($"objects folder '{objectsFolder}' does not exist");
        RefuseNested(output, objectsFolder, "objects");
        if (options.BackgroundsFolder is { } backgroundsFolder)
            RefuseNested(output, backgroundsFolder, "backgrounds");
        OutputFolder.Check(output, "data composite", (SummaryFile, "\"options\""));

        var (photos, skippedPhotos) = options.BackgroundsFolder is { } folder
            ? CompositeBackgrounds.FindPhotos(folder)
            : ([], []);
        var (cutOuts, skippedObjects) = LoadCutOuts(objectsFolder);
        try
        {
            var plans = CompositePlan.Draw(options, cutOuts.Select(c => (c.Width, c.Height)).ToList(),
                photos.Select(p => (p.Width, p.Height)).ToList());
            ClearPreviousRun(output);
            WriteSummary(output, new Summary(options, null));
            try
            {
                Parallel.For(0, plans.Length, new ParallelOptions { CancellationToken = cancel },
                    i => WritePair(output, FileName(i), plans[i], options.Size, cutOuts, photos));
            }
            catch (AggregateException e) when (e.InnerExceptions[0] is DataException data)
            {
                // A photo whose header read at the start but whose pixels do not: say which, not "one or more errors".
                ExceptionDispatchInfo.Throw(data);
            }
            AtomicFile.WriteText(Path.Combine(output, CsvFile), Csv(plans, cutOuts, photos));
            var result = new Result(plans.Length, plans.Sum(p => p.Objects.Count), cutOuts.Count, photos.Count, skippedObjects,
                skippedPhotos, CopyLicenses(objectsFolder, options.BackgroundsFolder, output));
            WriteSummary(output, new Summary(options, result));
            return result;
        }
        finally
        {
            foreach (var cutOut in cutOuts)
                cutOut.Dispose();
        }
    }

    public static string FileName(int index) => index.ToString("D5", CultureInfo.InvariantCulture) + ".png";

    /// <summary>The objects' attribution files into <c>licenses/</c>, the photos' into <c>licenses/backgrounds/</c>.</summary>
    static IReadOnlyList<string> CopyLicenses(string objectsFolder, string? backgroundsFolder, string output)
    {
        var copied = AttributionFiles.CopyTo(objectsFolder, Path.Combine(output, LicensesFolder)).ToList();
        if (backgroundsFolder is not null)
            copied.AddRange(AttributionFiles.CopyTo(backgroundsFolder, Path.Combine(output, LicensesFolder, "backgrounds")).Select(f => "backgrounds/" + f));
        return copied;
    }

    /// <summary>Every supported picture under the folder that has transparency to make a mask from, by name.</summary>
    static (IReadOnlyList<CutOut> CutOuts, IReadOnlyList<SkippedFile> Skipped) LoadCutOuts(string folder)
    {
        var cutOuts = new List<CutOut>();
        var skipped = new List<SkippedFile>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var source = Path.GetRelativePath(folder, file);
            try { cutOuts.Add(CutOut.Load(file, source)); }
            catch (InvalidDataException e) { skipped.Add(new SkippedFile(source, e.Message)); }
        }
        if (cutOuts.Count == 0)
            throw new DataException(files.Count == 0
                ? $"objects folder '{folder}' holds no picture ({string.Join(' ', ImageLoader.Extensions)})"
                : $"objects folder '{folder}': none of its {files.Count} pictures is usable as a cut-out (first: {skipped[0].Path}: {skipped[0].Reason})");
        return (cutOuts, skipped);
    }

    /// <summary>Renders one image and its mask: each object on a transparent layer of its own, whose alpha marks the
    /// mask and which is then drawn over the picture so far.</summary>
    static void WritePair(string output, string name, ImagePlan plan, int size, IReadOnlyList<CutOut> cutOuts, IReadOnlyList<BackgroundPhoto> photos)
    {
        using var picture = CompositeBackgrounds.Render(plan.Background, size, photos);
        using var canvas = new SKCanvas(picture);
        using var layer = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var layerCanvas = new SKCanvas(layer);
        var mask = new byte[size * size];
        foreach (var placement in plan.Objects)
        {
            layerCanvas.Clear(SKColors.Transparent);
            Draw(layerCanvas, cutOuts[placement.Object], placement, size);
            CompositeMask.Add(mask, layer.GetPixelSpan());
            canvas.DrawBitmap(layer, 0, 0);
        }
        PngFile.Write(Path.Combine(output, name), ToRgb(picture));
        PngFile.WriteGray(Path.Combine(output, MasksFolder, name), size, size, mask);
    }

    /// <summary>Centre of the cut-out on the centre of its box, turned, scaled so its longer side is Scale × size.</summary>
    static void Draw(SKCanvas canvas, CutOut cutOut, Placement placement, int size)
    {
        float pixels = (float)(placement.Scale * size / Math.Max(cutOut.Width, cutOut.Height));
        canvas.Save();
        canvas.Translate((float)(placement.X + placement.BoxWidth / 2), (float)(placement.Y + placement.BoxHeight / 2));
        canvas.RotateDegrees((float)placement.Angle);
        canvas.Scale(pixels);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(cutOut.Image, -cutOut.Width / 2f, -cutOut.Height / 2f, CompositeBackgrounds.Sampling(pixels < 1), paint);
        canvas.Restore();
    }

    /// <summary>An opaque premultiplied bitmap's colours as RGB.</summary>
    static RgbImage ToRgb(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        var rgb = new byte[3 * bitmap.Width * bitmap.Height];
        for (int i = 0, n = bitmap.Width * bitmap.Height; i < n; i++)
        {
            rgb[3 * i] = pixels[4 * i];
            rgb[3 * i + 1] = pixels[4 * i + 1];
            rgb[3 * i + 2] = pixels[4 * i + 2];
        }
        return new RgbImage(bitmap.Width, bitmap.Height, rgb);
    }

    static string Csv(ImagePlan[] plans, IReadOnlyList<CutOut> cutOuts, IReadOnlyList<BackgroundPhoto> photos)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        for (int i = 0; i < plans.Length; i++)
        {
            var background = CompositeBackgrounds.Name(plans[i].Background, photos);
            foreach (var p in plans[i].Objects)
            {
                var fields = new[]
                {
                    FileName(i), cutOuts[p.Object].Source, Invariant(p.X), Invariant(p.Y), Invariant(p.Width), Invariant(p.Height),
                    p.Scale.ToString("0.####", CultureInfo.InvariantCulture), p.Angle.ToString("0.##", CultureInfo.InvariantCulture), background,
                };
                csv.Append(string.Join(',', fields.Select(CsvField.Quote))).Append('\n');
            }
        }
        return csv.ToString();
    }

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    static void WriteSummary(string output, Summary summary) =>
        AtomicFile.WriteText(Path.Combine(output, SummaryFile), JsonSerializer.Serialize(summary, ConfigLoader.Json) + "\n");

    /// <summary>Writing into an input would make this run's pictures the next run's objects or backgrounds.</summary>
    static void RefuseNested(string output, string input, string role)
    {
        if (SeparateFolders.Overlap(output, input))
            throw new DataException($"output '{output}' must lie outside the {role} folder '{input}' and not contain it");
    }

    /// <summary>Removes what an earlier run wrote, so that a smaller count leaves no stale pairs behind; anything
    /// else in the folder stays.</summary>
    static void ClearPreviousRun(string output)
    {
        if (!Directory.Exists(output))
            return;
        foreach (var dir in new[] { output, Path.Combine(output, MasksFolder) }.Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(dir, "*.png").Where(IsPairFile))
                File.Delete(file);
        if (Directory.Exists(Path.Combine(output, LicensesFolder)))
            Directory.Delete(Path.Combine(output, LicensesFolder), recursive: true);
        File.Delete(Path.Combine(output, CsvFile));
    }

    static bool IsPairFile(string path) => Path.GetFileNameWithoutExtension(path) is { Length: 5 } stem && stem.All(char.IsAsciiDigit);
}
