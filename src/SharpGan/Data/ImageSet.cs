namespace SharpGan.Data;

/// <summary>Decoded training images held as bytes: N × 3 × S × S RGB and N × S × S alpha, contiguous.</summary>
public sealed class ImageSet
{
    public int Count { get; }
    public int Size { get; }
    public IReadOnlyList<string> Paths { get; }
    internal byte[] Rgb { get; }
    internal byte[] Alpha { get; }
    readonly bool[] hadAlpha;

    /// <summary>Class names when the set is labelled (see <see cref="WithLabels"/>), the tag vocabulary when it is
    /// tagged (see <see cref="WithTags"/>); empty otherwise.</summary>
    public IReadOnlyList<string> Classes { get; private init; } = [];
    /// <summary>Each image's class index into <see cref="Classes"/>, or null for an unlabelled set.</summary>
    public IReadOnlyList<int>? Labels => labels;
    int[]? labels;
    /// <summary>Each image's multi-hot tag row (N × <see cref="Classes"/>.Count, row-major), or null for an untagged set.</summary>
    public IReadOnlyList<float>? Tags => tags;
    float[]? tags;
    /// <summary>Each image's input picture (pix2pix: the image is the target), same order and size, or null.</summary>
    public ImageSet? Inputs { get; private init; }

    ImageSet(int count, int size, IReadOnlyList<string> paths, byte[] rgb, byte[] alpha, bool[] hadAlpha)
    {
        Count = count; Size = size; Paths = paths; Rgb = rgb; Alpha = alpha; this.hadAlpha = hadAlpha;
    }

    /// <summary>The same images (shared, not copied) with a class per image.</summary>
    public ImageSet WithLabels(IReadOnlyList<string> classes, int[] imageLabels)
    {
        if (imageLabels.Length != Count) throw new ArgumentException($"{imageLabels.Length} labels for {Count} images");
        return new ImageSet(Count, Size, Paths, Rgb, Alpha, hadAlpha) { Classes = classes, labels = imageLabels };
    }

    /// <summary>The same images (shared, not copied) with a multi-hot row of <paramref name="vocabulary"/> per image.</summary>
    public ImageSet WithTags(IReadOnlyList<string> vocabulary, float[] multiHot)
    {
        if (multiHot.Length != Count * vocabulary.Count) throw new ArgumentException($"{multiHot.Length} tag values for {Count} images × {vocabulary.Count} tags");
        return new ImageSet(Count, Size, Paths, Rgb, Alpha, hadAlpha) { Classes = vocabulary, tags = multiHot };
    }

    /// <summary>The same images (shared, not copied) as targets of <paramref name="inputs"/>: image i is what input i
    /// should become (pix2pix).</summary>
    public ImageSet WithInputs(ImageSet inputs)
    {
        if (inputs.Count != Count || inputs.Size != Size) throw new ArgumentException($"{inputs.Count} inputs at {inputs.Size}px for {Count} targets at {Size}px");
        return new ImageSet(Count, Size, Paths, Rgb, Alpha, hadAlpha) { Classes = Classes, labels = labels, tags = tags, Inputs = inputs };
    }

    /// <summary>The images at <paramref name="indices"/> (copied, in that order), with their labels, tags or inputs.</summary>
    public ImageSet Subset(IReadOnlyList<int> indices)
    {
        int plane = Size * Size;
        var (rgb, alpha) = (new byte[indices.Count * 3 * plane], new byte[indices.Count * plane]);
        var order = indices.ToArray();
        Gather(order, rgb, alpha);
        return new ImageSet(order.Length, Size, order.Select(i => Paths[i]).ToArray(), rgb, alpha, order.Select(i => hadAlpha[i]).ToArray())
        {
            Classes = Classes, labels = labels is null ? null : order.Select(i => labels[i]).ToArray(), tags = TagsOf(order),
            Inputs = Inputs?.Subset(indices),
        };
    }

    public static ImageSet From(IReadOnlyList<PreparedImage> images, int size)
    {
        int plane = size * size;
        var rgb = new byte[(long)images.Count * 3 * plane];
        var alpha = new byte[(long)images.Count * plane];
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i].Size != size)
                throw new ArgumentException($"{images[i].Path} is {images[i].Size}px, the set is {size}px");
            images[i].Rgb.CopyTo(rgb, (long)i * 3 * plane);
            images[i].Alpha.CopyTo(alpha, (long)i * plane);
        }
        return new ImageSet(images.Count, size, images.Select(p => p.Path).ToArray(), rgb, alpha, images.Select(p => p.HadAlpha).ToArray());
    }

    /// <summary>Image <paramref name="index"/> as its own record (a copy).</summary>
    public PreparedImage Prepared(int index)
    {
        int plane = Size * Size;
        return new PreparedImage(Paths[index], Size, Rgb.AsSpan(index * 3 * plane, 3 * plane).ToArray(),
            Alpha.AsSpan(index * plane, plane).ToArray(), hadAlpha[index]);
    }

    /// <summary>The images at <paramref name="indices"/> as one host batch, in that order.</summary>
    public HostBatch Take(ReadOnlySpan<int> indices)
    {
        var rgb = new byte[indices.Length * 3 * Size * Size];
        var alpha = new byte[indices.Length * Size * Size];
        Gather(indices, rgb, alpha);
        return new HostBatch(rgb, alpha, indices.Length, Size, LabelsOf(indices), TagsOf(indices), InputsOf(indices));
    }

    /// <summary>All the images as one tensor N×3×S×S in [-1, 1], in the current dispose scope.</summary>
    public TorchSharp.torch.Tensor AsTensor() => Take([.. Enumerable.Range(0, Count)]).ToBatch().Images;

    /// <summary>The class indices of the images at <paramref name="indices"/>, or null for an unlabelled set.</summary>
    internal long[]? LabelsOf(ReadOnlySpan<int> indices)
    {
        if (labels is null) return null;
        var result = new long[indices.Length];
        for (int k = 0; k < indices.Length; k++) result[k] = labels[indices[k]];
        return result;
    }

    /// <summary>The multi-hot rows of the images at <paramref name="indices"/>, or null for an untagged set.</summary>
    internal float[]? TagsOf(ReadOnlySpan<int> indices)
    {
        if (tags is null) return null;
        int width = Classes.Count;
        var result = new float[indices.Length * width];
        for (int k = 0; k < indices.Length; k++) tags.AsSpan(indices[k] * width, width).CopyTo(result.AsSpan(k * width));
        return result;
    }

    /// <summary>The RGB planes of the inputs of the images at <paramref name="indices"/>, or null without inputs.</summary>
    internal byte[]? InputsOf(ReadOnlySpan<int> indices)
    {
        if (Inputs is null) return null;
        int plane = Size * Size;
        var rgb = new byte[indices.Length * 3 * plane];
        for (int k = 0; k < indices.Length; k++) Inputs.Rgb.AsSpan(indices[k] * 3 * plane, 3 * plane).CopyTo(rgb.AsSpan(k * 3 * plane));
        return rgb;
    }

    /// <summary>Copies the images at <paramref name="indices"/> into one batch buffer (RGB, then alpha).</summary>
    internal void Gather(ReadOnlySpan<int> indices, byte[] rgb, byte[] alpha)
    {
        int plane = Size * Size;
        for (int k = 0; k < indices.Length; k++)
        {
            Rgb.AsSpan(indices[k] * 3 * plane, 3 * plane).CopyTo(rgb.AsSpan(k * 3 * plane));
            Alpha.AsSpan(indices[k] * plane, plane).CopyTo(alpha.AsSpan(k * plane));
        }
    }
}
