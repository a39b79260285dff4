using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Files;

namespace SharpGan.DataTools;

/// <summary>Options of <c>sharpgan data prepare</c>.</summary>
/// <param name="Threads">Files decoded at once; 0 uses every core.</param>
public sealed record PrepareOptions(int Size = 64, ResizeMode Resize = ResizeMode.Crop, string Background = "#ffffff", int MinSize = 16, int Threads = 0);

/// <summary>What happened to one input file: kept (already 8-bit RGB), converted, or dropped, and why; dropped
/// files also carry the kind of reason the summary counts them under.</summary>
public sealed record PrepareEntry(string Source, string Verdict, string Reason, string? Output, string? DropKind = null)
{
    public static PrepareEntry Dropped(string source, string kind, string reason) => new(source, "dropped", reason, null, kind);
}

/// <summary>
/// Turns a messy folder into a clean training set: every image as an 8-bit RGB PNG of one square size (the car-logo
/// ACGAN's resize and reduce-dim steps), exact duplicates (same bytes) and too-small or undecodable files dropped, the
/// folder-per-class layout kept, and a report of every file. The input folder is only read.
/// </summary>
public static class PrepareFolder
{
    public const string ReportFile = "prepare-report.csv";
    const string ReportHeader = "source,verdict,reason,output";
    public const string SummaryFile = "prepare-summary.txt";

    /// <summary>The summary's kind for files that could not be read at all: not regular files, links to nothing, no permission.</summary>
    const string Unreadable = "unreadable";

    public static IReadOnlyList<PrepareEntry> Run(string input, string output, PrepareOptions options, CancellationToken cancel = default) =>
        Run(input, output, options, InputFile.ReadAllBytes, cancel);

    /// <param name="read">Reads one file's bytes: <see cref="InputFile.ReadAllBytes"/>, or a test's stand-in for failures
    /// that tests running as root cannot cause (permission denied).</param>
    internal static IReadOnlyList<PrepareEntry> Run(string input, string output, PrepareOptions options, Func<string, byte[]> read,
        CancellationToken cancel = default)
    {
        if (!Directory.Exists(input))
            throw new DataException($"input folder '{input}' does not exist");
        SeparateFolders.Check(input, output, "prepare");
        OutputFolder.Check(output, "data prepare", (ReportFile, ReportHeader));
        if (!ConfigValidator.TryParseColor(options.Background, out var background))
            throw new DataException($"--background '{options.Background}': expected #rrggbb");

        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new DataException($"input folder '{input}' holds no files");
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1 };
        var hashes = new string?[files.Length];
        var unreadable = new string?[files.Length];
        Parallel.For(0, files.Length, parallel, i =>
        {
            if (!ImageLoader.IsSupported(files[i])) return;
            try { hashes[i] = Convert.ToHexString(SHA256.HashData(read(files[i]))); }
            catch (Exception e) when (InputFile.IsReadFailure(e)) { unreadable[i] = InputFile.Reason(e); }
        });
        var firstWithHash = new Dictionary<string, string>();
        var entries = new PrepareEntry?[files.Length];
        var taken = new ConcurrentDictionary<string, bool>();
        for (int i = 0; i < files.Length; i++)
        {
            var relative = Path.GetRelativePath(input, files[i]);
            if (!ImageLoader.IsSupported(files[i]))
                entries[i] = PrepareEntry.Dropped(relative, "not an image file", $"not an image file ({Extension(files[i])})");
            else if (unreadable[i] is { } reason)
                entries[i] = PrepareEntry.Dropped(relative, Unreadable, reason);
            else if (firstWithHash.TryGetValue(hashes[i]!, out var original))
                entries[i] = PrepareEntry.Dropped(relative, "duplicate", $"duplicate of {original}");
            else
                firstWithHash[hashes[i]!] = relative;
        }
        OutputFolder.ClearListed(output, ReportFile, ReportHeader, row => row.Length > 3 ? [row[3]] : []);
        using (var listing = OutputFolder.Begin(output, ReportFile, ReportHeader))
            Parallel.For(0, files.Length, parallel, i =>
            {
                if (entries[i] is not null) return;
                entries[i] = PrepareOne(input, output, files[i], read, options, background, taken);
                listing.Add(Row(entries[i]!));
            });
        var result = entries.Select(e => e!).ToList();
        WriteReport(output, result);
        return result;
    }

    static PrepareEntry PrepareOne(string input, string output, string file, Func<string, byte[]> read, PrepareOptions options,
        (byte, byte, byte) background, ConcurrentDictionary<string, bool> taken)
    {
        var relative = Path.GetRelativePath(input, file);
        byte[] bytes;
        try { bytes = read(file); }
        catch (Exception e) when (InputFile.IsReadFailure(e)) { return PrepareEntry.Dropped(relative, Unreadable, InputFile.Reason(e)); }
        try
        {
            if (bytes.Length == 0) return PrepareEntry.Dropped(relative, "cannot decode", "empty file (0 bytes)");
            var format = SourceFormat.Read(file, bytes);
            using var bitmap = ImageLoader.Decode(bytes);
            if (bitmap.Width < options.MinSize || bitmap.Height < options.MinSize)
                return PrepareEntry.Dropped(relative, "too small", $"too small ({bitmap.Width}×{bitmap.Height} < {options.MinSize})");
            var prepared = ImageLoader.Prepare(file, bitmap, options.Size, options.Resize, background);
            var target = OutputPath(output, relative, taken);
            PngFile.Write(target, ToRgb(prepared));
            var conversions = format.Conversions(prepared.HadAlpha, options.Background).ToList();
            var resize = $"{format.Width}×{format.Height} → {options.Size}×{options.Size} ({options.Resize.ToString().ToLowerInvariant()})";
            return conversions.Count == 0
                ? new PrepareEntry(relative, "kept", $"{format.Container} RGB; {resize}", Path.GetRelativePath(output, target))
                : new PrepareEntry(relative, "converted", $"{format.Container} {string.Join(", ", conversions)}; {resize}", Path.GetRelativePath(output, target));
        }
        catch (InvalidDataException e)
        {
            return PrepareEntry.Dropped(relative, "cannot decode", e.Message);
        }
    }

    /// <summary>OUT/same/relative/name.png; a second source with the same stem keeps its extension in the name.</summary>
    static string OutputPath(string output, string relative, ConcurrentDictionary<string, bool> taken)
    {
        var dir = Path.Combine(output, Path.GetDirectoryName(relative) ?? "");
        var plain = Path.Combine(dir, Path.GetFileNameWithoutExtension(relative) + ".png");
        return taken.TryAdd(plain, true) ? plain : Path.Combine(dir, Path.GetFileName(relative) + ".png");
    }

    static RgbImage ToRgb(PreparedImage image)
    {
        int plane = image.Size * image.Size;
        var hwc = new byte[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            hwc[3 * i] = image.Rgb[i];
            hwc[3 * i + 1] = image.Rgb[plane + i];
            hwc[3 * i + 2] = image.Rgb[2 * plane + i];
        }
        return new RgbImage(image.Size, image.Size, hwc);
    }

    static string Extension(string file) => Path.GetExtension(file) is { Length: > 0 } e ? e : "no extension";

    static void WriteReport(string output, IReadOnlyList<PrepareEntry> entries)
    {
        var csv = new StringBuilder(ReportHeader + "\n");
        foreach (var e in entries)
            csv.Append(Row(e)).Append('\n');
        AtomicFile.WriteText(Path.Combine(output, ReportFile), csv.ToString());
        AtomicFile.WriteText(Path.Combine(output, SummaryFile), Summary(entries));
    }

    static string Row(PrepareEntry e) => string.Join(',', new[] { e.Source, e.Verdict, e.Reason, e.Output ?? "" }.Select(CsvField.Quote));

    public static string Summary(IReadOnlyList<PrepareEntry> entries)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{entries.Count} files: {Count(entries, "kept")} kept, {Count(entries, "converted")} converted, {Count(entries, "dropped")} dropped\n"));
        foreach (var group in entries.Where(e => e.DropKind is not null).GroupBy(e => e.DropKind))
            text.Append(string.Create(CultureInfo.InvariantCulture, $"  dropped, {group.Key}: {group.Count()}\n"));
        return text.ToString();
    }

    static int Count(IEnumerable<PrepareEntry> entries, string verdict) => entries.Count(e => e.Verdict == verdict);
}
