using SharpGan.Config;

namespace SharpGan.Data;

/// <summary>
/// Reads every supported image under a folder (recursively, in a stable order), decodes each once in parallel, a
/// chunk at a time, and keeps it at the model's size: in memory, or in a decoded cache on disk that later loads reuse
/// while the folder is unchanged (data.cache). Files that fail are skipped and reported, or fatal when strict.
/// </summary>
public static class ImageFolder
{
    /// <summary>Pictures decoded at once: enough to keep every core busy, few enough that building a cache never
    /// holds more than a few hundred decoded pictures.</summary>
    const int Chunk = 256;

    /// <summary>The training images (mask files left out) and each one's mask file (null: its alpha).</summary>
    static (string[] Images, string?[] Masks) Paired(DataConfig data, string[] all)
    {
        var maskFiles = all.Where(f => MaskPairing.IsMaskFile(data.Path, f)).ToArray();
        var images = all.Where(f => !MaskPairing.IsMaskFile(data.Path, f)).ToArray();
        return (images, MaskPairing.Pair(data.Path, images, maskFiles, MaskPairing.Resolve(data.Path, maskFiles, data.Masks)));
    }

    /// <param name="minimum">The fewest usable pictures the caller can work with: two to train on (and for most
    /// metrics), one to translate.</param>
    public static (ImageSet Images, DecodeReport Report) Load(DataConfig data, int size, CancellationToken cancel = default, int minimum = 2) =>
        Load(data, size, DecodedCache.Default, CacheChoice.Ram, cancel, minimum);

    internal static (ImageSet Images, DecodeReport Report) Load(DataConfig data, int size, DecodedCache cache, long ramBytes,
        CancellationToken cancel = default, int minimum = 2)
    {
        if (!Directory.Exists(data.Path))
            throw new DataException(File.Exists(data.Path)
                ? $"data folder '{data.Path}' is a file: data.path names the folder that holds the pictures"
                : $"data folder '{data.Path}' does not exist");
        var all = Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories)
            .Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var (files, masks) = data.Masks == "none" ? (all, null) : Paired(data, all);
        if (files.Length == 0)
            throw new DataException($"data folder '{data.Path}' holds no images ({string.Join(", ", ImageLoader.Extensions)})");

        var choice = CacheChoice.For(data.Cache, (long)files.Length * 4 * size * size, ramBytes);
        if (!choice.OnDisk)
        {
            var memory = new MemoryImageStore.Builder(size, files.Length);
            var decoded = Decode(data, files, masks, size, memory.Append, minimum, cancel);
            var store = memory.Build();
            return (ImageSet.Of(store, decoded.Paths, decoded.HadAlpha), decoded.Report with { Storage = $"in memory ({choice.Reason})" });
        }

        var path = cache.FileFor(data, size);
        var fingerprint = DecodedCache.Fingerprint(data, size, all);
        var (cached, contents, why) = DecodedCacheFile.Open(path, size, fingerprint);
        if (cached is null || contents is null)
        {
            using var writer = new DecodedCacheFile.Writer(path, size, fingerprint);
            var built = Decode(data, files, masks, size, writer.Append, minimum, cancel);
            var store = writer.Commit(new CacheContents([.. built.Paths.Select(p => Path.GetRelativePath(data.Path, p))], built.HadAlpha,
                built.Report.Found, [.. built.Report.Skipped.Select(s => s with { Path = Path.GetRelativePath(data.Path, s.Path) })],
                [.. built.Report.Notes]));
            return (ImageSet.Of(store, built.Paths, built.HadAlpha), built.Report with { Storage = $"on disk: built {path} ({why}; {choice.Reason})" });
        }

        var report = new DecodeReport(contents.Found, [.. contents.Skipped.Select(s => s with { Path = Path.Combine(data.Path, s.Path) })])
            { Notes = contents.Notes, Decoded = 0, Storage = $"on disk: reused {path} ({choice.Reason})" };
        StrictCheck(data, report.Skipped);
        return (ImageSet.Of(cached, [.. contents.Paths.Select(p => Path.Combine(data.Path, p))], contents.HadAlpha), report);
    }

    sealed record Decoded(string[] Paths, bool[] HadAlpha, DecodeReport Report);

    /// <summary>Decodes the files a chunk at a time, handing each usable picture to <paramref name="append"/> in file
    /// order, and checks what a load must refuse: mismatched masks, skipped files under data.strict, fewer than two pictures.</summary>
    static Decoded Decode(DataConfig data, string[] files, string?[]? masks, int size, Action<PreparedImage> append, int minimum, CancellationToken cancel)
    {
        ConfigValidator.TryParseColor(data.Background, out var background);
        var reasons = new string?[files.Length];
        var flaws = new List<(string, MaskFlaw)>();
        var sides = new List<(string Path, int Width, int Height)>();
        var (paths, hadAlpha) = (new List<string>(), new List<bool>());
        var mismatched = new System.Collections.Concurrent.ConcurrentBag<string>();
        var prepared = new PreparedImage?[Math.Min(Chunk, files.Length)];
        for (int start = 0; start < files.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, files.Length - start);
            Array.Clear(prepared);
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, k =>
            {
                int i = start + k;
                try
                {
                    prepared[k] = masks is null
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
            // Once a mask is mismatched the load fails; the rest is decoded only to name every mismatch.
            if (!mismatched.IsEmpty) continue;
            for (int k = 0; k < count; k++)
            {
                if (prepared[k] is not { } image) continue;
                append(image);
                paths.Add(image.Path);
                hadAlpha.Add(image.HadAlpha);
                sides.Add((image.Path, image.SourceWidth, image.SourceHeight));
                if (masks is not null) flaws.Add((Path.GetRelativePath(data.Path, masks[start + k] ?? files[start + k]), image.MaskFlaws));
            }
        }

        if (!mismatched.IsEmpty)
            throw new DataException(string.Join(Environment.NewLine, mismatched.Order(StringComparer.Ordinal).Take(5))
                + (mismatched.Count > 5 ? $"{Environment.NewLine}… {mismatched.Count} mismatched masks in all" : ""));
        var skipped = files.Select((f, i) => (f, reasons[i])).Where(p => p.Item2 is not null)
            .Select(p => new SkippedFile(p.f, p.Item2!)).ToList();
        StrictCheck(data, skipped);
        if (paths.Count < minimum)
            throw new DataException(minimum == 2
                ? $"data folder '{data.Path}': {paths.Count} usable image(s); training needs at least 2"
                : $"data folder '{data.Path}': {paths.Count} usable image(s), {minimum} needed");
        var notes = (masks is null ? [] : MaskFlaws.Lines(flaws)).Concat(Upscaled(data, sides, size)).ToList();
        return new Decoded([.. paths], [.. hadAlpha], new DecodeReport(files.Length, skipped) { Notes = notes, Decoded = paths.Count });
    }

    static void StrictCheck(DataConfig data, IReadOnlyList<SkippedFile> skipped)
    {
        if (data.Strict && skipped.Count > 0)
            throw new DataException($"cannot use '{skipped[0].Path}': {skipped[0].Reason} (strict mode; {skipped.Count} bad file(s) in all)");
    }

    /// <summary>A line on the images blown up to the training size (a 1×1 icon becomes a flat square without a word
    /// otherwise), or none. Crop scales the short side to the size, pad the long one.</summary>
    static IEnumerable<string> Upscaled(DataConfig data, IReadOnlyList<(string Path, int Width, int Height)> images, int size)
    {
        int Side((string, int Width, int Height) i) => data.Resize == ResizeMode.Crop ? Math.Min(i.Width, i.Height) : Math.Max(i.Width, i.Height);
        var small = images.Where(i => Side(i) < size).ToList();
        if (small.Count == 0) yield break;
        var smallest = small.MinBy(i => (Side(i), i.Width * i.Height))!;
        yield return $"{small.Count} image(s) smaller than {size} px upscaled (smallest: {Path.GetRelativePath(data.Path, smallest.Path)}, {smallest.Width}×{smallest.Height})";
    }
}
