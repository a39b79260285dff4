using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Data;

public class DecodedCacheTests
{
    const long Ram = 16L << 30;

    static (ImageSet Images, DecodeReport Report) Load(string folder, TempDir cache, string mode = "disk", string labels = "none") =>
        ImageFolder.Load(new DataConfig { Path = folder, Cache = mode, Labels = labels }, 32, new DecodedCache(cache["decoded"]), Ram);

    [Fact]
    public void Batches_from_the_disk_cache_are_the_memory_batches_byte_for_byte_with_their_labels()
    {
        using var dir = new TempDir();
        var folder = FlowerClasses.CopyTo(dir["flowers"]);
        var memory = ClassFolders.Label(folder, Load(folder, dir, "memory").Images);
        var (disk, report) = Load(folder, dir, "disk");
        Assert.StartsWith("on disk: built", report.Storage);
        disk = ClassFolders.Label(folder, disk);
        Assert.Equal(memory.Paths, disk.Paths);
        var (a, b) = (new BatchLoader(memory, 5, seed: 3), new BatchLoader(disk, 5, seed: 3));
        foreach (var epoch in new[] { 1, 2 })
            foreach (var (m, d) in a.Epoch(epoch).Zip(b.Epoch(epoch)))
            {
                Assert.Equal(m.Rgb, d.Rgb);
                Assert.Equal(m.Alpha, d.Alpha);
                Assert.Equal(m.Labels, d.Labels);
            }
        Assert.Equal(a.Epoch(2).Count(), b.Epoch(2).Count());
        Assert.Equal(memory.Prepared(3).Rgb, disk.Prepared(3).Rgb);
        Assert.Equal(memory.AlphaPlanes(), disk.AlphaPlanes());
    }

    [Fact]
    public void An_unchanged_folder_reuses_its_cache_without_decoding_and_reports_as_the_build_did()
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var (built, first) = Load(folder, dir);
        var (reused, second) = Load(folder, dir);
        Assert.Equal(8, first.Decoded);
        Assert.Equal(0, second.Decoded);
        Assert.StartsWith("on disk: reused", second.Storage);
        Assert.Equal((first.Found, first.Loaded), (second.Found, second.Loaded));
        Assert.Equal(first.Notes, second.Notes);
        Assert.Equal(built.Paths, reused.Paths);
        Assert.Equal(built.Take([0, 5, 7]).Rgb, reused.Take([0, 5, 7]).Rgb);
        Assert.Single(Directory.GetFiles(dir["decoded"]));
    }

    [Theory]
    [InlineData("touched")]
    [InlineData("added")]
    [InlineData("removed")]
    public void A_changed_folder_rebuilds_and_replaces_its_cache(string change)
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        Load(folder, dir);
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        switch (change)
        {
            case "touched": File.SetLastWriteTimeUtc(files[2], File.GetLastWriteTimeUtc(files[2]).AddSeconds(5)); break;
            case "added": File.Copy(files[0], Path.Combine(folder, "zz-copy" + Path.GetExtension(files[0]))); break;
            case "removed": File.Delete(files[^1]); break;
        }
        var (images, report) = Load(folder, dir);
        Assert.True(report.Decoded > 0);
        Assert.Contains("made from another state of the folder", report.Storage);
        Assert.Equal(change switch { "added" => 9, "removed" => 7, _ => 8 }, images.Count);
        Assert.Single(Directory.GetFiles(dir["decoded"]));
        Assert.Equal(0, Load(folder, dir).Report.Decoded);
    }

    [Theory]
    [InlineData("flipped", "checksum")]
    [InlineData("truncated", "length")]
    [InlineData("emptied", "not a decoded cache")]
    public void A_damaged_cache_is_rebuilt_never_read(string damage, string why)
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var good = Load(folder, dir).Images.Take([0, 1, 2, 3, 4, 5, 6, 7]);
        var file = Directory.GetFiles(dir["decoded"]).Single();
        // Shared as the cache's own reader shares it: .NET's advisory locks would refuse an exclusive open.
        using (var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            switch (damage)
            {
                case "flipped":
                    stream.Position = 4096 + 3 * 4 * 32 * 32 + 100;
                    int b = stream.ReadByte();
                    stream.Position--;
                    stream.WriteByte((byte)(b ^ 0x10));
                    break;
                case "truncated": stream.SetLength(stream.Length - 1000); break;
                case "emptied": stream.SetLength(0); break;
            }
        var (images, report) = Load(folder, dir);
        Assert.Equal(8, report.Decoded);
        Assert.Contains(why, report.Storage);
        Assert.Equal(good.Rgb, images.Take([0, 1, 2, 3, 4, 5, 6, 7]).Rgb);
        Assert.Equal(0, Load(folder, dir).Report.Decoded);
    }

    [Fact]
    public void Strict_mode_refuses_a_reused_cache_that_skipped_files()
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        File.WriteAllText(Path.Combine(folder, "broken.png"), "not a picture");
        Assert.Single(Load(folder, dir).Report.Skipped);
        var strict = new DataConfig { Path = folder, Cache = "disk", Strict = true };
        Assert.Throws<DataException>(() => ImageFolder.Load(strict, 32, new DecodedCache(dir["decoded"]), Ram));
    }

    [Theory]
    [InlineData("auto", 1L << 30, 16L << 30, false)]
    [InlineData("auto", 5L << 30, 16L << 30, true)]
    [InlineData("memory", 5L << 30, 16L << 30, false)]
    [InlineData("disk", 1L << 20, 16L << 30, true)]
    public void Auto_goes_to_disk_only_past_a_quarter_of_the_memory(string mode, long decoded, long ram, bool onDisk)
    {
        var choice = CacheChoice.For(mode, decoded, ram);
        Assert.Equal(onDisk, choice.OnDisk);
        Assert.StartsWith($"data.cache {mode}", choice.Reason);
    }
}
