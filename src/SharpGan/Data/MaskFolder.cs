using SharpGan.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>Masks to draw with, by name, and the real images they came from when known.</summary>
public sealed record MaskSet(IReadOnlyList<string> Names, byte[] Masks, int Size, ImageSet? Images)
{
    public int Count => Names.Count;

    /// <summary>Warnings on masks that were used all the same: flawed, or resized to the generator's size.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The masks as N×1×S×S floats in {0, 1}, in the current dispose scope.</summary>
    public Tensor ToTensor()
    {
        using var bytes = torch.tensor(Masks, [Count, 1, Size, Size]);
        return bytes.to_type(ScalarType.Float32).div_(255.0);
    }
}

/// <summary>
/// Reads masks for a mask-conditioned generator from one mask file; from a paired data folder (one with a
/// <c>masks/</c> folder or <c>NAME_mask</c> files), masks together with their images; or from a folder whose every
/// image is a mask. Masks are binarised at 0.5 and brought to the generator's size: a square mask of another size
/// is resized with a warning, any other shape refused, since cropping it would cut off part of what it asks for.
/// </summary>
public static class MaskFolder
{
    public static MaskSet Load(string path, int size, CancellationToken cancel = default)
    {
        if (File.Exists(path))
            return FromFiles([path], Path.GetDirectoryName(Path.GetFullPath(path))!, size, cancel);
        if (!Directory.Exists(path))
            throw new DataException($"masks '{path}': no such file or folder");
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal).ToArray();
        if (files.Any(f => MaskPairing.IsMaskFile(path, f)))
        {
            // Images and their masks are resized together, as in training; the loader's notes cover both.
            var (images, report) = ImageFolder.Load(new DataConfig { Path = path, Masks = "auto", Strict = true }, size, cancel);
            return new MaskSet(images.Paths.Select(Path.GetFileNameWithoutExtension).ToArray()!, images.AlphaPlanes(), size, images) { Warnings = report.Notes };
        }
        if (files.Length == 0)
            throw new DataException($"masks folder '{path}' holds no images ({string.Join(", ", ImageLoader.Extensions)})");
        return FromFiles(files, path, size, cancel);
    }

    static MaskSet FromFiles(string[] files, string root, int size, CancellationToken cancel)
    {
        var read = new PreparedMask[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancel }, i => read[i] = Read(files[i], size));
        var refused = read.FirstOrDefault(m => m.SourceWidth != m.SourceHeight);
        if (refused is not null)
            throw new DataException($"mask '{refused.Path}' is {refused.SourceWidth}×{refused.SourceHeight}; this generator takes {size}×{size} masks "
                + "(a square mask of another size is resized; crop or pad this one to a square first)");
        var masks = new byte[files.Length * size * size];
        for (int i = 0; i < read.Length; i++) read[i].Mask.CopyTo(masks, (long)i * size * size);
        var warnings = MaskFlaws.Lines(read.Select(m => (Path.GetRelativePath(root, m.Path), m.Flaws)).ToList()).ToList();
        var resized = read.Where(m => m.SourceWidth != size).ToList();
        if (resized.Count > 0)
            warnings.Add($"{resized.Count} of {read.Length} mask(s) resized to {size}×{size}: "
                + string.Join(", ", resized.Take(3).Select(m => $"{Path.GetRelativePath(root, m.Path)} ({m.SourceWidth}×{m.SourceHeight})"))
                + (resized.Count > 3 ? ", …" : ""));
        return new MaskSet(files.Select(Path.GetFileNameWithoutExtension).ToArray()!, masks, size, null) { Warnings = warnings };
    }

    static PreparedMask Read(string file, int size)
    {
        try { return ImageLoader.LoadMask(file, size, ResizeMode.Crop); }
        catch (InvalidDataException e) { throw new DataException(e.Message, e); }
    }
}
