using Microsoft.Win32.SafeHandles;
using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Data;

public class ImageStoreTests
{
    static readonly ImageSet Tiny = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny"), Cache = "memory" }, 32).Images;

    [Fact]
    public void A_memory_store_reads_every_picture_across_its_chunk_boundaries()
    {
        var builder = new MemoryImageStore.Builder(32, Tiny.Count, picturesPerChunk: 3);   // 8 pictures: chunks of 3, 3, 2
        for (int i = 0; i < Tiny.Count; i++) builder.Append(Tiny.Prepared(i));
        var chunked = ImageSet.Of(builder.Build(), Tiny.Paths, [.. Enumerable.Range(0, Tiny.Count).Select(i => Tiny.Prepared(i).HadAlpha)]);
        int[] order = [7, 2, 3, 5, 0, 6, 1, 4];
        Assert.Equal(Tiny.Take(order).Rgb, chunked.Take(order).Rgb);
        Assert.Equal(Tiny.Take(order).Alpha, chunked.Take(order).Alpha);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked.Prepared(8));
    }

    [Fact]
    public void A_disk_store_beyond_two_gigabytes_reads_the_record_it_is_asked_for()
    {
        // 9,000 pictures of 256 px are 2.36 GB of records; a sparse file holds them without using the disk, and only
        // the pictures written below, two of them past byte 2^31, carry anything but zeros.
        const int size = 256, count = 9_000, recordsAt = 4096;
        const long record = 4L * size * size;
        using var dir = new TempDir();
        var path = dir["big.sgcache"];
        int[] marked = [0, 8_191, 8_192, 8_999];
        using (var file = File.Create(path))
        {
            file.SetLength(recordsAt + count * record);
            foreach (var i in marked)
            {
                file.Position = recordsAt + i * record;
                file.Write(Enumerable.Range(0, (int)record).Select(b => (byte)((i * 7 + b / 4096) % 251)).ToArray());
            }
        }
        Assert.True(recordsAt + 8_192 * record > int.MaxValue);
        var store = new DiskImageStore(File.OpenHandle(path), path, recordsAt, count, size);
        var (rgb, alpha) = (new byte[2 * 3 * size * size], new byte[2 * size * size]);
        store.Gather([8_999, 8_192], rgb, alpha);
        Assert.Equal((byte)(8_999 * 7 % 251), rgb[0]);
        Assert.Equal((byte)((8_999 * 7 + 47) % 251), rgb[3 * size * size - 1]);           // last RGB byte of the record
        Assert.Equal((byte)((8_999 * 7 + 48) % 251), alpha[0]);                              // alpha follows the RGB planes
        Assert.Equal((byte)(8_192 * 7 % 251), rgb[3 * size * size]);                        // the second slot holds 8,192
        Assert.Equal((byte)((8_192 * 7 + 63) % 251), alpha[2 * size * size - 1]);
        store.Read(8_998, rgb.AsSpan(0, 3 * size * size), alpha.AsSpan(0, size * size));   // a hole between marked records
        Assert.All(rgb.AsSpan(0, 3 * size * size).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_subset_reads_its_pictures_from_the_store_it_came_from()
    {
        var subset = Tiny.Subset([6, 1, 4]);
        Assert.Equal(3, subset.Count);
        Assert.Equal(Tiny.Take([6, 1, 4]).Rgb, subset.Take([0, 1, 2]).Rgb);
        Assert.Equal(Tiny.Take([4, 6]).Alpha, subset.Take([2, 0]).Alpha);
        Assert.Equal(Tiny.Paths[1], subset.Paths[1]);
    }
}
