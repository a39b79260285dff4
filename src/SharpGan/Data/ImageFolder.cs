using SharpGan.Config;

namespace SharpGan.Data;

/// <summary>
/// Reads every supported image under a folder (recursively, in a stable order), decodes each once in parallel
/// and keeps it in memory at the model's size. Files that fail are skipped and reported, or fatal when strict.
/// </summary>
public static class ImageFolder
{
    public static (ImageSet Images, DecodeReport Report) Load(DataConfig data, int size, CancellationToken cancel = default)
    {
        if (!Directory.Exists(data.Path))
            throw new DataException($"data folder '{data.Path}' does not exist");
        ConfigValidator.TryParseColor(data.Background, out var background);
        var files = Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories)
            .Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
            throw new DataException($"data folder '{data.Path}' holds no images ({string.Join(", ", ImageLoader.Extensions)})");

        var prepared = new PreparedImage?[files.Length];
        var reasons = new string?[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            try
            {
                prepared[i] = ImageLoader.Load(files[i], size, data.Resize, background);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                reasons[i] = e.Message;
            }
        });

        var skipped = files.Select((f, i) => (f, reasons[i])).Where(p => p.Item2 is not null)
            .Select(p => new SkippedFile(p.f, p.Item2!)).ToList();
        if (data.Strict && skipped.Count > 0)
            throw new DataException($"cannot decode '{skipped[0].Path}': {skipped[0].Reason} (strict mode; {skipped.Count} bad file(s) in all)");
        var images = prepared.OfType<PreparedImage>().ToList();
        if (images.Count < 2)
            throw new DataException($"data folder '{data.Path}': {images.Count} usable image(s); training needs at least 2");
        return (ImageSet.From(images, size), new DecodeReport(files.Length, skipped));
    }
}
