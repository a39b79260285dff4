namespace SharpGan.Data;

/// <summary>
/// Decoded pictures in managed memory, as records (RGB planes, then alpha) in chunks of whole records. A .NET array
/// stops near 2^31 elements, and one array of N × 4 × S² bytes does so at 43,000 pictures of 128 px; chunks well under
/// that keep any count addressable, and every offset is computed inside one chunk, so none overflows an int.
/// </summary>
internal sealed class MemoryImageStore : IImageStore
{
    /// <summary>Bytes per chunk: far from the array limit, and few enough chunks that a lookup costs nothing.</summary>
    const int ChunkBytes = 1 << 28;

    readonly byte[][] chunks;
    readonly int perChunk;

    public int Count { get; }
    public int Size { get; }
    int Record => 4 * Size * Size;

    MemoryImageStore(byte[][] chunks, int perChunk, int count, int size) =>
        (this.chunks, this.perChunk, Count, Size) = (chunks, perChunk, count, size);

    public void Read(int index, Span<byte> rgb, Span<byte> alpha)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"picture {index} of {Count}");
        int plane = Size * Size;
        var record = chunks[index / perChunk].AsSpan(index % perChunk * Record, Record);
        record[..(3 * plane)].CopyTo(rgb);
        record[(3 * plane)..].CopyTo(alpha);
    }

    /// <summary>Fills a store picture by picture, up to <paramref name="capacity"/> pictures, allocating a chunk only when
    /// the first picture of it arrives. <paramref name="picturesPerChunk"/> is for tests of chunk boundaries.</summary>
    internal sealed class Builder(int size, int capacity, int picturesPerChunk = 0)
    {
        readonly int perChunk = picturesPerChunk > 0 ? picturesPerChunk : Math.Max(1, ChunkBytes / (4 * size * size));
        readonly List<byte[]> chunks = [];
        int count;

        public void Append(PreparedImage image)
        {
            if (image.Size != size) throw new ArgumentException($"{image.Path} is {image.Size}px, the set is {size}px");
            if (count == capacity) throw new InvalidOperationException($"the store was sized for {capacity} pictures");
            int plane = size * size, record = 4 * plane, slot = count % perChunk;
            if (slot == 0) chunks.Add(new byte[(long)Math.Min(perChunk, capacity - count) * record]);
            image.Rgb.CopyTo(chunks[^1].AsSpan(slot * record, 3 * plane));
            image.Alpha.CopyTo(chunks[^1].AsSpan(slot * record + 3 * plane, plane));
            count++;
        }

        public MemoryImageStore Build() => new([.. chunks], perChunk, count, size);
    }
}
