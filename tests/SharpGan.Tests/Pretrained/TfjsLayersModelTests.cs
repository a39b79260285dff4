using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Tests.Pretrained;

/// <summary>The nsfwjs models, fetched once into the user's cache by the same step users run.</summary>
public sealed class FetchedModels
{
    public FetchedModels()
    {
        if (PretrainedCache.List().Count < PretrainedCache.Known.Length) PretrainedCache.Fetch();
    }
}

public class TfjsLayersModelTests : IClassFixture<FetchedModels>
{
    [Fact]
    public void MobileNetV2_reads_as_its_keras_graph_with_dequantised_weights()
    {
        var folder = PretrainedCache.Require("nsfwjs-mobilenet-v2");
        using var model = TfjsLayersModel.Load(folder);
        Assert.Equal(162, model.Layers.Count);
        Assert.Equal(["input_1"], model.Inputs);
        Assert.Equal(266, model.Weights.Count);
        Assert.Equal("ZeroPadding2D", model.Layers[1].ClassName);
        Assert.Equal(["input_1"], model.Layers[1].Inbound);
        Assert.Single(model.Layers, l => l.ClassName == "InputLayer");
        var kernel = model.Weights["Conv1/kernel"];
        Assert.Equal([3L, 3, 3, 32], kernel.shape);
        // Conv1/kernel is uint8 with min −0.8733 and scale 0.0066668: every value is min + scale·q for some q in 0..255.
        var q = kernel.add(0.87334511607301).div(0.006666756611244351);
        Assert.True(q.sub(q.round()).abs().max().item<float>() < 1e-3);
        Assert.InRange(q.min().item<float>(), -1e-3, 255.001);
        Assert.InRange(q.max().item<float>(), -1e-3, 255.001);
    }

    [Fact]
    public void InceptionV3_reads_with_all_its_layers()
    {
        using var model = TfjsLayersModel.Load(PretrainedCache.Require("nsfwjs-inception-v3"));
        Assert.Equal(318, model.Layers.Count);
        Assert.Equal(382, model.Weights.Count);
        Assert.Contains(model.Layers, l => l.ClassName == "Concatenate");
    }

    [Fact]
    public void A_damaged_model_json_is_named_with_the_way_to_fetch_it_again()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["model.json"], "{ \"modelTopology\": b");   // a fetch cut short
        var e = Assert.Throws<InvalidDataException>(() => TfjsLayersModel.Load(dir.Path));
        Assert.Equal($"'{dir["model.json"]}' is damaged (not JSON at line 1, byte 20): run sharpgan pretrained fetch again", e.Message);
    }
}
