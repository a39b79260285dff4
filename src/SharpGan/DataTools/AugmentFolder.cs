using SharpGan.Data;
using SharpGan.Data.Augment;
using TorchSharp;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.DataTools;

/// <summary>
/// The car-logo ACGAN's Augmentate.py: for every image under a folder and every code, one new picture named
/// <c>NAME__CODE.png</c> beside the source (or under an output folder, same layout). Pictures already named with
/// "__" are outputs of an earlier run and are not augmented again. Alpha is carried through; uncovered areas are
/// transparent.
/// </summary>
public static class AugmentFolder
{
    public sealed record Result(int Sources, int Written, IReadOnlyList<SkippedFile> Skipped);

    /// <exception cref="FormatException">A malformed code; raised before anything is written.</exception>
    public static Result Run(string folder, IReadOnlyList<string> codes, string? outputFolder = null, CancellationToken cancel = default)
    {
        var parsed = Parse(codes);
        if (parsed.Count == 0)
            throw new FormatException("give at least one augmentation code, e.g. fliph rot_90 trans_20_10");
        var sources = Sources(folder);
        var skipped = new List<SkippedFile>();
        int written = 0;
        foreach (var source in sources)
        {
            cancel.ThrowIfCancellationRequested();
            SkiaSharp.SKBitmap bitmap;
            try { bitmap = ImageLoader.Decode(source); }
            catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e)) { skipped.Add(new SkippedFile(source, InputFile.Reason(e))); continue; }
            using (bitmap)
            using (NewDisposeScope())
            {
                var picture = ToTensor(bitmap.GetPixelSpan().ToArray(), bitmap.Height, bitmap.Width);
                foreach (var code in parsed)
                {
                    var result = code.Apply(picture);
                    PngFile.WriteRgba(Target(folder, source, code.Text, outputFolder), (int)result.shape[3], (int)result.shape[2], ToBytes(result));
                    written++;
                }
            }
        }
        return new Result(sources.Count, written, skipped);
    }

    /// <summary>Every file <see cref="Run"/> would write, so a caller can refuse before any is (one per picture and code).</summary>
    public static IReadOnlyList<string> Targets(string folder, IReadOnlyList<string> codes, string? outputFolder = null)
    {
        var parsed = Parse(codes);
        return [.. Sources(folder).SelectMany(source => parsed.Select(code => Target(folder, source, code.Text, outputFolder)))];
    }

    /// <summary>NAME__CODE.png beside the source, or at the same relative place under <paramref name="outputFolder"/>.</summary>
    static string Target(string folder, string source, string code, string? outputFolder)
    {
        var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(source)!);
        var place = relative == "." ? outputFolder ?? folder : Path.Combine(outputFolder ?? folder, relative);
        return Path.Combine(place, $"{Path.GetFileNameWithoutExtension(source)}__{code}.png");
    }

    /// <summary>The codes parsed; one given twice would write its pictures twice under one name.</summary>
    static List<AugmentCode> Parse(IReadOnlyList<string> codes)
    {
        if (codes.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"augmentation code '{twice.Key}' is given twice");
        return [.. codes.Select(AugmentCode.Parse)];
    }

    static List<string> Sources(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DataException($"folder '{folder}' does not exist");
        var sources = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageLoader.IsSupported(f) && !Path.GetFileName(f).Contains("__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
            throw new DataException($"folder '{folder}' holds no pictures to augment (earlier augmentations, named with __, are not taken again)");
        return sources;
    }

    /// <summary>H×W×4 bytes → 1×4×H×W in [0, 1].</summary>
    public static Tensor ToTensor(byte[] rgba, long height, long width)
    {
        using var bytes = torch.tensor(rgba, [height, width, 4]);
        return bytes.permute(2, 0, 1).unsqueeze(0).to_type(ScalarType.Float32).div(255);
    }

    /// <summary>1×4×H×W in [0, 1] → H×W×4 bytes, rounded and clamped.</summary>
    public static byte[] ToBytes(Tensor picture) =>
        picture.squeeze(0).permute(1, 2, 0).mul(255).round().clamp(0, 255).to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
}
