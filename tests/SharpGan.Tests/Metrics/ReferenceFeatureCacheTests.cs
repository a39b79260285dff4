using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

/// <summary>A real set's features kept on disk between evaluations: reused exactly, recomputed when anything they
/// depend on changes or the file is damaged.</summary>
public class ReferenceFeatureCacheTests
{
    /// <summary>Counts the batches the backbone is asked for, to tell a reuse from a recomputation.</summary>
    sealed class Counting(IFeatureBackbone inner) : IFeatureBackbone
    {
        public int Calls { get; private set; }
        public string Name => inner.Name;
        public int InputSize => inner.InputSize;
        public string ResizeFilter => inner.ResizeFilter;
        public IReadOnlyList<string> Classes => inner.Classes;

        public (Tensor Features, Tensor? Probabilities) Forward(Tensor images)
        {
            Calls++;
            return inner.Forward(images);
        }

        public void Dispose() => inner.Dispose();
    }

    /// <summary>An untrained domain backbone at 16 px with weights drawn from <paramref name="seed"/>.</summary>
    static string SaveBackbone(string file, int seed)
    {
        manual_seed(seed);
        using var net = new DomainBackbone(new DomainClassifier(16, 2),
            new DomainBackboneInfo("untrained", 16, 128, ["a", "b"], 0, 0, 0, new Dictionary<string, double>(), 0, 0));
        net.Save(file);
        return file;
    }

    static (double[] Features, double[] Probabilities, long Count, string Note, int Calls) Features(ReferenceFeatureCache cache, string folder, string backbone)
    {
        using var net = new Counting(DomainBackbone.Load(backbone));
        var data = new DataConfig { Path = folder };
        var (images, _) = ImageFolder.Load(data, 32);
        var (set, note) = cache.Features(net, backbone, data, images);
        using (set.Features)
        using (set.Probabilities)
            return (set.Features.data<double>().ToArray(), set.Probabilities!.data<double>().ToArray(), set.Count, note, net.Calls);
    }

    [Fact]
    public void Features_computed_once_are_reused_bit_for_bit_without_running_the_backbone()
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var backbone = SaveBackbone(dir["net.sgb"], 1);
        var cache = new ReferenceFeatureCache(dir["features"]);

        var first = Features(cache, folder, backbone);
        Assert.StartsWith("real features: computed (none cached yet), cached in ", first.Note);
        Assert.True(first.Calls > 0);
        var second = Features(cache, folder, backbone);
        Assert.StartsWith("real features: reused ", second.Note);
        Assert.Equal(0, second.Calls);
        Assert.Equal(first.Features, second.Features);
        Assert.Equal(first.Probabilities, second.Probabilities);
        Assert.Equal(8, first.Count);

        using var net = DomainBackbone.Load(backbone);
        var (images, _) = ImageFolder.Load(new DataConfig { Path = folder }, 32);
        var direct = FeatureExtractor.Extract(net, ImageSetBatches.Of(images));
        Assert.Equal(direct.Features.data<double>().ToArray(), second.Features);
        Assert.Single(Directory.GetFiles(dir["features"]));
    }

    [Fact]
    public void A_touched_image_an_added_image_or_new_backbone_weights_compute_again_in_place_of_the_old_file()
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var backbone = SaveBackbone(dir["net.sgb"], 1);
        var cache = new ReferenceFeatureCache(dir["features"]);
        Features(cache, folder, backbone);

        File.SetLastWriteTimeUtc(Path.Combine(folder, "google-rose.png"), DateTime.UtcNow.AddMinutes(1));
        var touched = Features(cache, folder, backbone);
        Assert.StartsWith("real features: computed (the folder, its decoding or the backbone changed since it was cached)", touched.Note);
        Assert.True(touched.Calls > 0);

        File.Copy(Path.Combine(folder, "google-rose.png"), Path.Combine(folder, "google-rose-again.png"));
        var added = Features(cache, folder, backbone);
        Assert.Contains("changed since it was cached", added.Note);
        Assert.Equal(9, added.Count);

        SaveBackbone(backbone, 2);
        File.SetLastWriteTimeUtc(backbone, DateTime.UtcNow.AddMinutes(2));
        var retrained = Features(cache, folder, backbone);
        Assert.Contains("changed since it was cached", retrained.Note);
        Assert.NotEqual(added.Features, retrained.Features);
        Assert.StartsWith("real features: reused ", Features(cache, folder, backbone).Note);
        Assert.Single(Directory.GetFiles(dir["features"]));
    }

    [Theory]
    [InlineData("flip", "the cached file is damaged: its checksum does not match")]
    [InlineData("truncate", "the cached file is damaged: its length does not match its header")]
    [InlineData("garbage", "the cached file is not a feature cache of this version")]
    public void A_damaged_cache_file_is_computed_again_and_replaced(string damage, string why)
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var backbone = SaveBackbone(dir["net.sgb"], 1);
        var cache = new ReferenceFeatureCache(dir["features"]);
        var first = Features(cache, folder, backbone);
        var file = Directory.GetFiles(dir["features"]).Single();
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case "flip": bytes[bytes.Length / 2] ^= 0x40; File.WriteAllBytes(file, bytes); break;
            case "truncate": File.WriteAllBytes(file, bytes[..^100]); break;
            default: File.WriteAllText(file, "not features"); break;
        }

        var again = Features(cache, folder, backbone);
        Assert.StartsWith($"real features: computed ({why}), cached in ", again.Note);
        Assert.Equal(first.Features, again.Features);
        Assert.StartsWith("real features: reused ", Features(cache, folder, backbone).Note);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_written_costs_only_the_reuse()
    {
        using var dir = new TempDir();
        var folder = TinyCopy.In(dir);
        var backbone = SaveBackbone(dir["net.sgb"], 1);
        File.WriteAllText(dir["a-file"], "");
        var cache = new ReferenceFeatureCache(Path.Combine(dir["a-file"], "features"));
        var result = Features(cache, folder, backbone);
        Assert.StartsWith("real features: computed (none cached yet); not cached, ", result.Note);
        Assert.Equal(8, result.Count);
    }
}
