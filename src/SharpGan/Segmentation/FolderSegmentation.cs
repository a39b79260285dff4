using SharpGan.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Segmentation;

/// <summary>One image's predicted mask at the image's own size (bytes 0 or 255, rows top to bottom) and its statistics.</summary>
public sealed record FolderMask(string RelativePath, int Width, int Height, byte[] Mask, MaskStats Stats);

/// <summary>
/// Runs a segmenter over every image under a folder (recursively, in a stable order; mask files of a paired folder
/// are not images), a chunk of files at a time so a folder of any length fits in memory. Each image is judged at its
/// own size (the segmenter resizes), so its mask lines up with the file pixel for pixel.
/// </summary>
public static class FolderSegmentation
{
    const int Chunk = 64;

    /// <summary>The images under <paramref name="folder"/>, as full paths in ordinal order.</summary>
    /// <exception cref="DataException">The folder does not exist, or is a file.</exception>
    public static string[] Images(string folder)
    {
        if (File.Exists(folder)) throw new DataException($"'{folder}' is a file, not a folder of images");
        if (!Directory.Exists(folder)) throw new DataException($"folder '{folder}' does not exist");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageLoader.IsSupported(f) && !MaskPairing.IsMaskFile(folder, f))
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Each readable image's mask, in file order; an unreadable file goes to <paramref name="skipped"/> with the reason.</summary>
    public static IEnumerable<FolderMask> Predict(Segmenter model, string folder, Action<SkippedFile>? skipped = null, CancellationToken cancel = default)
    {
        foreach (var files in Images(folder).Chunk(Chunk))
        {
            cancel.ThrowIfCancellationRequested();
            var decoded = new Decoded?[files.Length];
            var reasons = new string?[files.Length];
            Parallel.For(0, files.Length, i =>
            {
                try { decoded[i] = Decode(files[i]); }
                catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e)) { reasons[i] = InputFile.Reason(e); }
            });
            for (int i = 0; i < files.Length; i++)
                if (reasons[i] is { } reason) skipped?.Invoke(new SkippedFile(files[i], reason));
            var masks = new FolderMask?[files.Length];
            // One forward per size in the chunk: generated folders are all one size, so that is usually one.
            foreach (var sameSize in Enumerable.Range(0, files.Length).Where(i => decoded[i] is not null).GroupBy(i => (decoded[i]!.Width, decoded[i]!.Height)))
            {
                var (width, height) = sameSize.Key;
                var members = sameSize.ToArray();
                float[] probabilities;
                using (NewDisposeScope())
                {
                    var images = Composited(members.Select(i => decoded[i]!.Rgba).ToArray(), height, width);
                    probabilities = model.Predict(images).contiguous().data<float>().ToArray();
                }
                int plane = width * height;
                Parallel.For(0, members.Length, k =>
                {
                    var map = probabilities.AsSpan(k * plane, plane);
                    var mask = new byte[plane];
                    for (int p = 0; p < plane; p++) mask[p] = map[p] >= MaskStatistics.Threshold ? (byte)255 : (byte)0;
                    masks[members[k]] = new FolderMask(Path.GetRelativePath(folder, files[members[k]]), width, height, mask,
                        MaskStatistics.Of(map, width, height));
                });
            }
            foreach (var mask in masks)
                if (mask is not null) yield return mask;
        }
    }

    sealed record Decoded(int Width, int Height, byte[] Rgba);

    static Decoded Decode(string file)
    {
        using var bitmap = ImageLoader.Decode(file);
        return new Decoded(bitmap.Width, bitmap.Height, bitmap.GetPixelSpan().ToArray());
    }

    /// <summary>
    /// Straight RGBA pictures (N of them, H×W×4 bytes each) as N×3×H×W in [-1, 1], transparency composited over white:
    /// the background <see cref="Config.DataConfig"/> gives training images by default, so a cut-out looks as it did in training.
    /// </summary>
    static Tensor Composited(byte[][] rgba, long height, long width)
    {
        var bytes = new byte[rgba.Length * rgba[0].Length];
        for (int i = 0; i < rgba.Length; i++) rgba[i].CopyTo(bytes, i * rgba[0].Length);
        var pixels = torch.tensor(bytes, [rgba.Length, height, width, 4]).permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(255);
        var alpha = pixels[.., 3..];
        return pixels[.., ..3].mul(alpha).add(alpha.neg().add(1)).mul_(2).sub_(1);
    }
}
