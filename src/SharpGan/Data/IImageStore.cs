namespace SharpGan.Data;

/// <summary>
/// Where an <see cref="ImageSet"/>'s decoded pictures live: in managed memory or in a cache file on disk. A store only
/// copies picture i's bytes out; every reader (batches, masks, single pictures) goes through it, so the set's order,
/// labels and batches are the same whichever store holds the bytes. Safe to read from several threads at once.
/// </summary>
internal interface IImageStore
{
    int Count { get; }
    int Size { get; }

    /// <summary>Copies picture <paramref name="index"/>'s RGB planes (3 × S × S, CHW) and alpha plane (S × S).</summary>
    void Read(int index, Span<byte> rgb, Span<byte> alpha);

    /// <summary>Copies the pictures at <paramref name="indices"/> into consecutive records of the two buffers, in that order.</summary>
    void Gather(ReadOnlySpan<int> indices, Span<byte> rgb, Span<byte> alpha)
    {
        int plane = Size * Size;
        for (int k = 0; k < indices.Length; k++)
            Read(indices[k], rgb.Slice(k * 3 * plane, 3 * plane), alpha.Slice(k * plane, plane));
    }
}
