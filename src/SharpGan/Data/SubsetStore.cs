namespace SharpGan.Data;

/// <summary>Some of another store's pictures, in a given order, without copying them: a subset of a set on disk stays
/// on disk (tags that drop images, held-out pairs).</summary>
internal sealed class SubsetStore(IImageStore inner, int[] indices) : IImageStore
{
    public int Count => indices.Length;
    public int Size => inner.Size;

    public void Read(int index, Span<byte> rgb, Span<byte> alpha) => inner.Read(indices[index], rgb, alpha);

    public void Gather(ReadOnlySpan<int> subset, Span<byte> rgb, Span<byte> alpha)
    {
        var mapped = new int[subset.Length];
        for (int k = 0; k < subset.Length; k++) mapped[k] = indices[subset[k]];
        inner.Gather(mapped, rgb, alpha);
    }
}
