using System.Text.Json.Nodes;
using SharpGan.Pretrained;

namespace SharpGan.Tests.Pretrained;

public class PretrainedCacheTests
{
    /// <summary>Points the cache at <paramref name="folder"/> for the duration (tests run one at a time).</summary>
    sealed class CacheAt : IDisposable
    {
        readonly string? before = Environment.GetEnvironmentVariable("SHARPGAN_PRETRAINED");
        public CacheAt(string folder) => Environment.SetEnvironmentVariable("SHARPGAN_PRETRAINED", folder);
        public void Dispose() => Environment.SetEnvironmentVariable("SHARPGAN_PRETRAINED", before);
    }

    [Fact]
    public void A_missing_model_names_the_fetch_command_and_an_unknown_one_the_known()
    {
        using var dir = new TempDir();
        using var _ = new CacheAt(dir.Path);
        Assert.Empty(PretrainedCache.List());
        var missing = Assert.Throws<FileNotFoundException>(() => PretrainedCache.Require("nsfwjs-mobilenet-v2"));
        Assert.Contains("sharpgan pretrained fetch", missing.Message);
        Assert.Contains(dir.Path, missing.Message);
        Assert.Contains("nsfwjs-inception-v3", Assert.Throws<ArgumentException>(() => PretrainedCache.Require("vgg19")).Message);
    }

    [Fact]
    public void Fetch_exports_both_models_with_the_bytes_their_manifests_describe()
    {
        using var dir = new TempDir();
        using var _ = new CacheAt(dir.Path);
        PretrainedCache.Fetch();   // npm pack nsfwjs@4.4.0 + node: about 2 s

        var models = PretrainedCache.List().ToDictionary(m => m.Name, m => m.Bytes);
        Assert.Equal(2_619_461, models["nsfwjs-mobilenet-v2"]);
        Assert.Equal(22_360_869, models["nsfwjs-inception-v3"]);
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(PretrainedCache.Require("nsfwjs-mobilenet-v2"), "model.json")))!;
        Assert.Equal("layers-model", (string?)model["format"]);
        Assert.Equal(["weights.bin"], model["weightsManifest"]![0]!["paths"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(266, model["weightsManifest"]![0]!["weights"]!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(PretrainedCache.Require("nsfwjs-inception-v3"), "LICENSE-nsfwjs-MIT.txt")));
    }
}
