using Microsoft.Win32.SafeHandles;

namespace SharpGan.Data;

/// <summary>
/// Decoded pictures read from a cache file of fixed-size records (<see cref="DecodedCacheFile"/>) by positional reads.
/// The OS page cache keeps the file's hot pages, and they are not the process's: its resident set holds only the
/// batches being gathered, whatever the set's size. (A memory map would be simpler to read, but mapped pages count in
/// the resident set, which is what this store exists to bound.)
/// </summary>
internal sealed class DiskImageStore : IImageStore
{
    // Never disposed by the set that reads it (ImageSet is not IDisposable, and sets are shared between recipes, masks
    // and samplers); the SafeFileHandle closes the file when the last set is collected.
    readonly SafeFileHandle file;
    readonly long recordsAt;

    public int Count { get; }
    public int Size { get; }
    public string Path { get; }
    long Record => 4L * Size * Size;

    internal DiskImageStore(SafeFileHandle file, string path, long recordsAt, int count, int size) =>
        (this.file, Path, this.recordsAt, Count, Size) = (file, path, recordsAt, count, size);

    public void Read(int index, Span<byte> rgb, Span<byte> alpha)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"picture {index} of {Count}");
        long at = recordsAt + index * Record;
        ReadExactly(rgb[..(3 * Size * Size)], at);
        ReadExactly(alpha[..(Size * Size)], at + 3L * Size * Size);
    }

    /// <summary>The pictures read in file order (fewer seeks when the page cache has not got them), each written to
    /// its place in the batch, so the batch is the same as one read in its own order.</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<byte> rgb, Span<byte> alpha)
    {
        int plane = Size * Size;
        var slots = new int[indices.Length];
        for (int k = 0; k < slots.Length; k++) slots[k] = k;
        var keys = indices.ToArray();
        Array.Sort(keys, slots);
        for (int j = 0; j < slots.Length; j++)
            Read(keys[j], rgb.Slice(slots[j] * 3 * plane, 3 * plane), alpha.Slice(slots[j] * plane, plane));
    }

    void ReadExactly(Span<byte> into, long at)
    {
        while (into.Length > 0)
        {
            int read = RandomAccess.Read(file, into, at);
            if (read == 0) throw new InvalidDataException($"decoded cache {Path} ends before picture data at byte {at}");
            into = into[read..];
            at += read;
        }
    }
}
