using SharpGan.Config;
using SkiaSharp;

namespace SharpGan.Data;

/// <summary>Image-to-image pairs at one size: input i goes with target i.</summary>
public sealed record PairedSet(ImageSet Inputs, ImageSet Targets)
{
    public int Count => Inputs.Count;

    /// <summary>The pairs at <paramref name="indices"/> (copied, in that order).</summary>
    public PairedSet Subset(IReadOnlyList<int> indices) => new(Inputs.Subset(indices), Targets.Subset(indices));

    /// <summary>
    /// <paramref name="count"/> pairs drawn by <paramref name="seed"/> to hold out (never trained on), and the rest, both
    /// in folder order. The draw depends only on the seed and the pair count, so a resumed run holds out the same pairs.
    /// </summary>
    /// <exception cref="DataException">Too few pairs to leave at least two for training.</exception>
    public (PairedSet Train, PairedSet HeldOut) Split(int count, long seed)
    {
        if (Count < count + 2)
            throw new DataException($"{Count} pairs: holding out {count} (data.holdout) would leave fewer than 2 to train on");
        var random = new Random((int)(seed ^ (seed >> 32)));
        var heldOut = Enumerable.Range(0, Count).OrderBy(_ => random.Next()).Take(count).Order().ToArray();
        var train = Enumerable.Range(0, Count).Except(heldOut).ToArray();
        return (Subset(train), Subset(heldOut));
    }
}

/// <summary>
/// Reads pix2pix training pairs, in either layout: a folder with <c>A/</c> and <c>B/</c> holding the same relative
/// names (what <c>sharpgan data pairs</c> writes), or pix2pix's own files holding both halves side by side (A left,
/// B right). <c>BtoA</c> swaps input and target. Pairs with no partner, halves of unequal size and side-by-side
/// files that are not twice as wide as high stop the load with the files named.
/// </summary>
public static class PairedFolder
{
    public static readonly string[] Directions = ["AtoB", "BtoA"];

    public static PairedSet Load(string path, int size, string direction = "AtoB")
    {
        if (!Directions.Contains(direction)) throw new ArgumentException($"direction '{direction}': allowed {string.Join(", ", Directions)}");
        if (!Directory.Exists(path)) throw new DataException($"paired data folder '{path}' does not exist");
        var (a, b) = Directory.Exists(Path.Combine(path, "A")) || Directory.Exists(Path.Combine(path, "B"))
            ? FromFolders(path, size)
            : SideBySide(path, size);
        if (a.Count < 1) throw new DataException($"paired data folder '{path}' holds no pairs");
        var (inputs, targets) = direction == "AtoB" ? (a, b) : (b, a);
        return new PairedSet(ImageSet.From(inputs, size), ImageSet.From(targets, size));
    }

    static (List<PreparedImage> A, List<PreparedImage> B) FromFolders(string path, int size)
    {
        var a = Files(Path.Combine(path, "A"));
        var b = Files(Path.Combine(path, "B"));
        var unmatched = a.Keys.Except(b.Keys).Select(k => $"A/{k} has no B/{k}")
            .Concat(b.Keys.Except(a.Keys).Select(k => $"B/{k} has no A/{k}")).Order(StringComparer.Ordinal).ToList();
        if (unmatched.Count > 0)
            throw new DataException($"'{path}': {unmatched.Count} file(s) without a partner (same name, any extension): "
                + string.Join("; ", unmatched.Take(5)) + (unmatched.Count > 5 ? "; …" : ""));
        var keys = a.Keys.Order(StringComparer.Ordinal).ToArray();
        var inputs = new PreparedImage[keys.Length];
        var targets = new PreparedImage[keys.Length];
        ForEach(keys.Length, i =>
        {
            using var left = Decode(a[keys[i]]);
            using var right = Decode(b[keys[i]]);
            if (left.Width != right.Width || left.Height != right.Height)
                throw new DataException($"'{a[keys[i]]}' is {left.Width}×{left.Height} but its partner '{b[keys[i]]}' is {right.Width}×{right.Height}");
            inputs[i] = Prepare(a[keys[i]], left, size);
            targets[i] = Prepare(b[keys[i]], right, size);
        });
        return ([.. inputs], [.. targets]);
    }

    static (List<PreparedImage> A, List<PreparedImage> B) SideBySide(string path, int size)
    {
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported).Order(StringComparer.Ordinal).ToArray();
        var inputs = new PreparedImage[files.Length];
        var targets = new PreparedImage[files.Length];
        ForEach(files.Length, i =>
        {
            using var both = Decode(files[i]);
            if (both.Width != 2 * both.Height)
                throw new DataException($"'{files[i]}' is {both.Width}×{both.Height}: a side-by-side pair is twice as wide as high (or use A/ and B/ folders)");
            using var left = new SKBitmap();
            using var right = new SKBitmap();
            both.ExtractSubset(left, new SKRectI(0, 0, both.Height, both.Height));
            both.ExtractSubset(right, new SKRectI(both.Height, 0, both.Width, both.Height));
            inputs[i] = Prepare(files[i], left, size);
            targets[i] = Prepare(files[i], right, size);
        });
        return ([.. inputs], [.. targets]);
    }

    /// <summary>Parallel.For whose first data problem surfaces as itself, not inside an AggregateException.</summary>
    static void ForEach(int count, Action<int> body)
    {
        try { Parallel.For(0, count, body); }
        catch (AggregateException e) when (e.InnerExceptions.OfType<DataException>().Any())
        {
            throw e.InnerExceptions.OfType<DataException>().MinBy(x => x.Message, StringComparer.Ordinal)!;
        }
    }

    /// <summary>Relative path without extension → file.</summary>
    static Dictionary<string, string> Files(string folder) => !Directory.Exists(folder) ? []
        : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported)
            .ToDictionary(f => Path.ChangeExtension(Path.GetRelativePath(folder, f), null), StringComparer.Ordinal);

    static SKBitmap Decode(string file)
    {
        try { return ImageLoader.Decode(file); }
        catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e)) { throw new DataException($"cannot use '{file}': {InputFile.Reason(e)}", e); }
    }

    static PreparedImage Prepare(string file, SKBitmap bitmap, int size) =>
        ImageLoader.Prepare(file, bitmap, size, ResizeMode.Crop, (255, 255, 255));
}
