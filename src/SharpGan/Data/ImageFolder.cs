using SharpGan.Config;

namespace SharpGan.Data;

/// <summary>
/// Reads every supported image under a folder (recursively, in a stable order), decodes each once in parallel
/// and keeps it in memory at the model's size. Files that fail are skipped and reported, or fatal when strict.
/// </summary>
public static class ImageFolder
{
    /// <summary>The training images (mask files left out) and each one's mask file (null: its alpha).</summary>
    static (string[] Images, string?[] Masks) Paired(DataConfig data, string[] all)
    {
        var maskFiles = all.Where(f => MaskPairing.IsMaskFile(data.Path, f)).ToArray();
        var images = all.Where(f => !MaskPairing.IsMaskFile(data.Path, f)).ToArray();
        return (images, MaskPairing.Pair(data.Path, images, maskFiles, MaskPairing.Resolve(data.Path, maskFiles, data.Masks)));
    }

    public static (ImageSet Images, DecodeReport Report) Load(DataConfig data, int size, CancellationToken cancel = default)
    {
        if (!Directory.Exists(data.Path))
            throw new DataException($"data folder '{data.Path}' does not exist");
        ConfigValidator.TryParseColor(data.Background, out var background);
        var all = Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories)
            .Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var (files, masks) = data.Masks == "none" ? (all, null) : Paired(data, all);
        if (files.Length == 0)
            throw new DataException($"data folder '{data.Path}' holds no images ({string.Join(", ", ImageLoader.Extensions)})");

        var prepared = new PreparedImage?[files.Length];
        var reasons = new string?[files.Length];
        var mismatched = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            try
            {
                prepared[i] = masks is null
                    ? ImageLoader.Load(files[i], size, data.Resize, background)
                    : ImageLoader.LoadWithMask(files[i], masks[i], size, data.Resize, background);
            }
            catch (DataException e)
            {
                mismatched.Add(e.Message);
            }
            catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e))
            {
                reasons[i] = InputFile.Reason(e);
            }
        });

        if (!mismatched.IsEmpty)
            throw new DataException(string.Join(Environment.NewLine, mismatched.Order(StringComparer.Ordinal).Take(5))
                + (mismatched.Count > 5 ? $"{Environment.NewLine}… {mismatched.Count} mismatched masks in all" : ""));
        var skipped = files.Select((f, i) => (f, reasons[i])).Where(p => p.Item2 is not null)
            .Select(p => new SkippedFile(p.f, p.Item2!)).ToList();
        if (data.Strict && skipped.Count > 0)
            throw new DataException($"cannot use '{skipped[0].Path}': {skipped[0].Reason} (strict mode; {skipped.Count} bad file(s) in all)");
        var images = prepared.OfType<PreparedImage>().ToList();
        if (images.Count < 2)
            throw new DataException($"data folder '{data.Path}': {images.Count} usable image(s); training needs at least 2");
        var maskFlaws = masks is null ? [] : MaskFlaws.Lines(Enumerable.Range(0, files.Length).Where(i => prepared[i] is not null)
            .Select(i => (Path.GetRelativePath(data.Path, masks[i] ?? files[i]), prepared[i]!.MaskFlaws)).ToList());
        var notes = maskFlaws.Concat(Upscaled(data, images, size)).ToList();
        return (ImageSet.From(images, size), new DecodeReport(files.Length, skipped) { Notes = notes });
    }

    /// <summary>A line on the images blown up to the training size (a 1×1 icon becomes a flat square without a word
    /// otherwise), or none. Crop scales the short side to the size, pad the long one.</summary>
    static IEnumerable<string> Upscaled(DataConfig data, IReadOnlyList<PreparedImage> images, int size)
    {
        int Side(PreparedImage i) => data.Resize == ResizeMode.Crop ? Math.Min(i.SourceWidth, i.SourceHeight) : Math.Max(i.SourceWidth, i.SourceHeight);
        var small = images.Where(i => Side(i) < size).ToList();
        if (small.Count == 0) yield break;
        var smallest = small.MinBy(i => (Side(i), i.SourceWidth * i.SourceHeight))!;
        yield return $"{small.Count} image(s) smaller than {size} px upscaled (smallest: {Path.GetRelativePath(data.Path, smallest.Path)}, {smallest.SourceWidth}×{smallest.SourceHeight})";
    }
}
