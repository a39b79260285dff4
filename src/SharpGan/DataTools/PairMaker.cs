using System.Globalization;
using SharpGan.Config;
using SharpGan.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using SharpGan.Files;

namespace SharpGan.DataTools;

/// <summary>What the input half of a pair shows: the target's edges, its object mask, its gray levels, or a coarse copy.</summary>
public enum PairKind { Edges, Mask, Gray, Lowres }

/// <summary>Options of <c>sharpgan data pairs</c>.</summary>
/// <param name="Factor">lowres: the target is shrunk by this factor and blown back up (super-resolution's input).</param>
/// <param name="TestShare">Share of the pictures written to <c>OUT/test</c> instead of <c>OUT/train</c> (0: no split,
/// everything in OUT), drawn by <paramref name="Seed"/>.</param>
public sealed record PairOptions(PairKind Kind, int Size = 64, CannyOptions? Canny = null, int Factor = 4, double TestShare = 0, long Seed = 1)
{
    public CannyOptions Edges => Canny ?? new CannyOptions();

    public PairOptions Validate()
    {
        if (Size is < 16 or > 1024) throw new ArgumentException($"size {Size}: allowed 16..1024");
        if (Factor is < 2 or > 16 || Size % Factor != 0) throw new ArgumentException($"factor {Factor}: 2..16, dividing the size {Size}");
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"kind {Kind}: allowed edges, mask, gray, lowres");
        if (TestShare is < 0 or >= 1) throw new ArgumentException($"test share {TestShare}: allowed [0, 1)");
        Edges.Validate();
        return this;
    }
}

/// <summary>
/// Makes pix2pix training pairs from any folder of images: <c>OUT/A/NAME.png</c> (the input: edges drawn black on
/// white as in edges2handbags, the alpha mask white on black, gray levels, or a blocky low-resolution copy) and
/// <c>OUT/B/NAME.png</c> (the target: the image at the pair size, transparency over white), plus
/// <c>OUT/pairs.csv</c> with each pair's share of input pixels that are edge or mask. With a test share, the same
/// under <c>OUT/train</c> and <c>OUT/test</c>, a seeded split. Deterministic for given options. <see cref="Data.PairedFolder"/>
/// reads what this writes.
/// </summary>
public static class PairMaker
{
    public const string ReportFile = "pairs.csv";
    const string ReportHeader = "file,kind,ink";

    public sealed record Result(int Pairs, double MeanInk, IReadOnlyList<SkippedFile> Skipped);

    public static Result Run(string input, string output, PairOptions options, CancellationToken cancel = default)
    {
        options.Validate();
        OutputFolder.Check(output, "data pairs", (ReportFile, ReportHeader), (Path.Combine("train", ReportFile), ReportHeader), (Path.Combine("test", ReportFile), ReportHeader));
        var (images, report) = ImageFolder.Load(new DataConfig { Path = input }, options.Size, cancel);
        var skipped = report.Skipped.ToList();
        var test = TestPictures(images.Count, options);
        if (options.TestShare > 0 && test.Count == images.Count)
            throw new DataException($"--test {options.TestShare}: all {images.Count} pictures would go to test/, none to train/; give a smaller share");
        string Folder(int i) => options.TestShare == 0 ? output : Path.Combine(output, test.Contains(i) ? "test" : "train");
        // What an earlier run listed goes, with or without a train/test split (which this run may not share), and the
        // licences of its sources.
        foreach (var folder in new[] { output, Path.Combine(output, "train"), Path.Combine(output, "test") })
        {
            OutputFolder.ClearListed(folder, ReportFile, ReportHeader, row => [Path.Combine("A", row[0]), Path.Combine("B", row[0])]);
            if (Directory.Exists(Path.Combine(folder, "licenses"))) Directory.Delete(Path.Combine(folder, "licenses"), recursive: true);
        }
        var listings = new Dictionary<string, OutputFolder.Listing>();
        (Result Result, Dictionary<string, List<string>> Rows) written;
        try
        {
            written = Write(input, images, skipped, options, Folder, listings, cancel);
        }
        finally
        {
            foreach (var listing in listings.Values) listing.Dispose();
        }
        foreach (var (folder, lines) in written.Rows)
        {
            AtomicFile.WriteText(Path.Combine(folder, ReportFile), string.Join('\n', lines) + "\n");
            AttributionFiles.CopyTo(input, Path.Combine(folder, "licenses"));
        }
        return written.Result;
    }

    /// <summary>Each pair into its folder, listed in that folder's report as it is written (the listing begun before
    /// the folder's first picture); the rows per folder for the full reports.</summary>
    static (Result, Dictionary<string, List<string>>) Write(string input, ImageSet images, List<SkippedFile> skipped, PairOptions options,
        Func<int, string> Folder, Dictionary<string, OutputFolder.Listing> listings, CancellationToken cancel)
    {
        var rows = new Dictionary<string, List<string>>();
        double inkSum = 0;
        int written = 0;
        for (int i = 0; i < images.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var name = Path.ChangeExtension(Path.GetRelativePath(input, images.Paths[i]), ".png");
            if (options.Kind == PairKind.Mask && !images.Prepared(i).HadAlpha)
            {
                skipped.Add(new SkippedFile(images.Paths[i], "no transparency: no mask to draw"));
                continue;
            }
            using var scope = NewDisposeScope();
            var batch = images.Take([i]).ToBatch();
            var (picture, ink) = Input(batch, options);
            var inputImage = ImageTensors.ToImages(picture)[0];
            var folder = Folder(i);
            if (!listings.TryGetValue(folder, out var listing)) listings[folder] = listing = OutputFolder.Begin(folder, ReportFile, ReportHeader);
            PngFile.Write(Path.Combine(folder, "A", name), inputImage);
            PngFile.Write(Path.Combine(folder, "B", name), ImageTensors.ToImages(batch.Images)[0]);
            var row = string.Join(',', CsvField.Quote(name), options.Kind.ToString().ToLowerInvariant(), ink.ToString("F4", CultureInfo.InvariantCulture));
            listing.Add(row);
            if (!rows.TryGetValue(folder, out var lines)) rows[folder] = lines = [ReportHeader];
            lines.Add(row);
            inkSum += ink;
            written++;
        }
        return (new Result(written, written > 0 ? inkSum / written : 0, skipped), rows);
    }

    /// <summary>The indices of the pictures that go to the test folder: a seeded draw of the test share.</summary>
    static HashSet<int> TestPictures(int count, PairOptions options)
    {
        var random = new Random((int)(options.Seed ^ (options.Seed >> 32)));
        int take = (int)Math.Round(count * options.TestShare);
        return [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(take)];
    }

    /// <summary>The input half in [-1, 1] (1×3×S×S) and its share of edge or mask pixels (0 for gray and lowres).</summary>
    public static (Tensor Picture, double Ink) Input(Batch target, PairOptions options)
    {
        switch (options.Kind)
        {
            case PairKind.Edges:
                var edges = CannyEdges.Detect(target.Images, options.Edges);
                return (edges.mul(-2).add(1).expand(-1, 3, -1, -1), edges.mean().item<float>());   // black lines on white
            case PairKind.Mask:
                var mask = target.Masks.ge(0.5).to_type(ScalarType.Float32);
                return (mask.mul(2).sub(1).expand(-1, 3, -1, -1), mask.mean().item<float>());
            case PairKind.Gray:
                return (ImageTensors.Luminance(target.Images).expand(-1, 3, -1, -1), 0);
            default:
                long side = target.Images.shape[2] / options.Factor;
                var small = F.interpolate(target.Images, [side, side], mode: InterpolationMode.Area);
                return (F.interpolate(small, [target.Images.shape[2], target.Images.shape[3]], mode: InterpolationMode.Nearest), 0);
        }
    }
}
