using SharpGan.Config;

namespace SharpGan.Tests.Training;

/// <summary>data.cache changes where the pictures wait, never what the trainer sees.</summary>
public class DiskCacheTrainingTests
{
    [Fact]
    public void A_run_from_the_disk_cache_trains_the_same_weights_as_from_memory()
    {
        using var memoryDir = new TempDir();
        using var diskDir = new TempDir();
        var memoryConfig = TinyRun.Config(memoryDir.Path);
        var memory = TinyRun.TrainAndReadWeights(memoryConfig with { Data = memoryConfig.Data with { Cache = "memory" } }, resume: null);

        var previous = Environment.GetEnvironmentVariable("SHARPGAN_DECODED_CACHE");
        Environment.SetEnvironmentVariable("SHARPGAN_DECODED_CACHE", diskDir["decoded"]);
        try
        {
            var diskConfig = TinyRun.Config(diskDir["run"]);
            var disk = TinyRun.TrainAndReadWeights(diskConfig with { Data = diskConfig.Data with { Cache = "disk" } }, resume: null);
            Assert.Single(Directory.GetFiles(diskDir["decoded"], "*.sgcache"));
            Assert.Equal(memory.Keys.Order(), disk.Keys.Order());
            foreach (var (name, bytes) in memory) Assert.True(bytes.AsSpan().SequenceEqual(disk[name]), $"{name} differs");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SHARPGAN_DECODED_CACHE", previous);
        }
    }
}
