namespace SharpGan.Data;

/// <summary>Decoded training images as bytes (per image 3 × S × S RGB and S × S alpha), with their paths and labels;
/// the bytes themselves live in an <see cref="IImageStore"/>: in memory, or in a decoded cache on disk.</summary>
public sealed class ImageSet
{
    public int Count { get; }
    public int Size { get; }
    public IReadOnlyList<string> Paths { get; }
    internal IImageStore Store { get; }
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

    ImageSet(IImageStore store, IReadOnlyList<string> paths, bool[] hadAlpha)
    {
        if (paths.Count != store.Count || hadAlpha.Length != store.Count)
            throw new ArgumentException($"{paths.Count} paths and {hadAlpha.Length} alpha flags for {store.Count} images");
        Count = store.Count; Size = store.Size; Paths = paths; Store = store; this.hadAlpha = hadAlpha;
    }

    /// <summary>The images of <paramref name="store"/>, image i from <paramref name="paths"/>[i].</summary>
    internal static ImageSet Of(IImageStore store, IReadOnlyList<string> paths, bool[] hadAlpha) => new(store, paths, hadAlpha);

    /// <summary>The same images (shared, not copied) with a class per image.</summary>
    public ImageSet WithLabels(IReadOnlyList<string> classes, int[] imageLabels)
    {
        if (imageLabels.Length != Count) throw new ArgumentException($"{imageLabels.Length} labels for {Count} images");
        return new ImageSet(Store, Paths, hadAlpha) { Classes = classes, labels = imageLabels };
    }

    /// <summary>The same images (shared, not copied) with a multi-hot row of <paramref name="vocabulary"/> per image.</summary>
    public ImageSet WithTags(IReadOnlyList<string> vocabulary, float[] multiHot)
    {
        if (multiHot.Length != Count * vocabulary.Count) throw new ArgumentException($"{multiHot.Length} tag values for {Count} images × {vocabulary.Count} tags");
        return new ImageSet(Store, Paths, hadAlpha) { Classes = vocabulary, tags = multiHot };
    }

    /// <summary>The same images (shared, not copied) as targets of <paramref name="inputs"/>: image i is what input i
    /// should become (pix2pix).</summary>
    public ImageSet WithInputs(ImageSet inputs)
    {
        if (inputs.Count != Count || inputs.Size != Size) throw new ArgumentException($"{inputs.Count} inputs at {inputs.Size}px for {Count} targets at {Size}px");
        return new ImageSet(Store, Paths, hadAlpha) { Classes = Classes, labels = labels, tags = tags, Inputs = inputs };
    }

    /// <summary>The images at <paramref name="indices"/> (in that order, sharing this set's bytes), with their labels,
    /// tags or inputs.</summary>
    public ImageSet Subset(IReadOnlyList<int> indices)
    {
        var order = indices.ToArray();
        return new ImageSet(new SubsetStore(Store, order), order.Select(i => Paths[i]).ToArray(), order.Select(i => hadAlpha[i]).ToArray())
        {
            Classes = Classes, labels = labels is null ? null : order.Select(i => labels[i]).ToArray(), tags = TagsOf(order),
            Inputs = Inputs?.Subset(indices),
        };
    }

    /// <summary>A set held in memory, image i from <paramref name="images"/>[i].</summary>
    public static ImageSet From(IReadOnlyList<PreparedImage> images, int size)
    {
        var store = new MemoryImageStore.Builder(size, images.Count);
        foreach (var image in images) store.Append(image);
        return new ImageSet(store.Build(), images.Select(p => p.Path).ToArray(), images.Select(p => p.HadAlpha).ToArray());
    }

    /// <summary>Image <paramref name="index"/> as its own record (a copy).</summary>
    public PreparedImage Prepared(int index)
    {
        var (rgb, alpha) = (new byte[3 * Size * Size], new byte[Size * Size]);
        Store.Read(index, rgb, alpha);
        return new PreparedImage(Paths[index], Size, rgb, alpha, hadAlpha[index]);
    }

    /// <summary>Every image's alpha plane, N × S × S in order (a copy): the masks a mask-conditioned run draws from.</summary>
    internal byte[] AlphaPlanes()
    {
        int plane = Size * Size;
        var (rgb, alpha) = (new byte[3 * plane], new byte[(long)Count * plane]);
        for (int i = 0; i < Count; i++) Store.Read(i, rgb, alpha.AsSpan((int)((long)i * plane), plane));
        return alpha;
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
        var (rgb, alpha) = (new byte[indices.Length * 3 * plane], new byte[indices.Length * plane]);
        Inputs.Gather(indices, rgb, alpha);
        return rgb;
    }

    /// <summary>Copies the images at <paramref name="indices"/> into one batch buffer (RGB, then alpha).</summary>
    internal void Gather(ReadOnlySpan<int> indices, byte[] rgb, byte[] alpha) => Store.Gather(indices, rgb, alpha);
}
