using SharpGan.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>Masks to draw with, by name, and the real images they came from when known.</summary>
public sealed record MaskSet(IReadOnlyList<string> Names, byte[] Masks, int Size, ImageSet? Images)
{
    public int Count => Names.Count;

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
/// image is a mask. Masks are binarised at 0.5 and brought to the generator's size.
/// </summary>
public static class MaskFolder
{
    public static MaskSet Load(string path, int size, CancellationToken cancel = default)
    {
        if (File.Exists(path))
            return new MaskSet([Path.GetFileNameWithoutExtension(path)], Read(path, size), size, null);
        if (!Directory.Exists(path))
            throw new DataException($"masks '{path}': no such file or folder");
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(ImageLoader.IsSupported)
            .Order(StringComparer.Ordinal).ToArray();
        if (files.Any(f => MaskPairing.IsMaskFile(path, f)))
        {
            var (images, _) = ImageFolder.Load(new DataConfig { Path = path, Masks = "auto", Strict = true }, size, cancel);
            return new MaskSet(images.Paths.Select(Path.GetFileNameWithoutExtension).ToArray()!, images.Alpha, size, images);
        }
        if (files.Length == 0)
            throw new DataException($"masks folder '{path}' holds no images ({string.Join(", ", ImageLoader.Extensions)})");
        var masks = new byte[files.Length * size * size];
        Parallel.For(0, files.Length, new ParallelOptions { CancellationToken = cancel },
            i => Read(files[i], size).CopyTo(masks, (long)i * size * size));
        return new MaskSet(files.Select(Path.GetFileNameWithoutExtension).ToArray()!, masks, size, null);
    }

    static byte[] Read(string file, int size)
    {
        try { return ImageLoader.LoadMask(file, size, ResizeMode.Crop); }
        catch (InvalidDataException e) { throw new DataException(e.Message, e); }
    }
}
