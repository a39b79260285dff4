using SharpGan.Export;
using SharpGan.Metrics;
using SharpGan.Onnx;
using SharpGan.Segmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Export;

/// <summary>The segmenter and the domain backbone, trained briefly on the flowers, exported and run in ONNX Runtime.</summary>
public class NetworkExportTests
{
    [Fact]
    public void The_segmenters_logits_through_onnx_runtime_equal_its_own()
    {
        using var dir = new TempDir();
        var (pairs, _) = SegmentationData.Load(Repo.Path("data", "flowers"), 32);
        var options = new SegmentationOptions(ImageSize: 32, Depth: 3, BaseFilters: 4, Epochs: 1, Lr: 3e-3, HeldOutFraction: 0.25, Seed: 1);
        using var segmenter = SegmentationTraining.Train(pairs, options).Model;
        segmenter.Save(dir["segmenter.safetensors"]);
        using var loaded = Segmenter.Load(dir["segmenter.safetensors"]);

        var result = SegmenterExport.Write(loaded, dir["segmenter.safetensors"], dir["export"]);
        Assert.Equal("segmenter", ExportManifest.Read(result.ManifestPath).What);
        using var scope = NewDisposeScope();
        var images = pairs.Take([0, 1, 2, 3]).ToBatch().Images;
        var expected = OnnxParity.Host(loaded.Predict(images).logit());
        var actual = OnnxParity.Run(result.OnnxPath, new Dictionary<string, Tensor> { ["picture"] = images })["logits"];
        Assert.InRange(OnnxParity.MaxDifference(expected, actual), 0, 1e-3);   // logit(sigmoid(x)) loses a little of x
        using (no_grad())
            Assert.InRange(OnnxParity.MaxDifference(OnnxParity.Host(loaded.Network.forward(images)), actual), 0, 1e-4);
    }

    [Fact]
    public void The_backbones_features_and_logits_through_onnx_runtime_equal_its_own()
    {
        using var dir = new TempDir();
        var classes = FlowerClasses.CopyTo(dir["classes"]);
        using var backbone = BackboneTraining.Train(classes, new BackboneTrainingOptions(Size: 32, Epochs: 1, BatchSize: 16));
        backbone.Save(dir["flowers.sgb"]);
        using var loaded = DomainBackbone.Load(dir["flowers.sgb"]);

        var result = BackboneExport.Write(loaded, dir["flowers.sgb"], dir["export"]);
        var manifest = ExportManifest.Read(result.ManifestPath);
        Assert.Equal(["plant-flower", "plant-other"], manifest.Classes);
        using var scope = NewDisposeScope();
        var images = rand(4, 3, 32, 32).mul(2).sub(1);
        var (features, probabilities) = loaded.Forward(images);
        var outputs = OnnxParity.Run(result.OnnxPath, new Dictionary<string, Tensor> { ["picture"] = images });
        Assert.InRange(OnnxParity.MaxDifference(OnnxParity.Host(features), outputs["features"]), 0, 1e-4);
        var onnxProbabilities = tensor(outputs["logits"]).view(4, -1).softmax(1);
        Assert.InRange(OnnxParity.MaxDifference(OnnxParity.Host(probabilities!), OnnxParity.Host(onnxProbabilities)), 0, 1e-5);
    }

    [Fact]
    public void A_module_without_an_export_fails_with_its_path_type_and_network()
    {
        using var scope = NewDisposeScope();
        var network = nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1, bias: false)), ("act", nn.GELU()));
        var graph = new OnnxGraph();
        var e = Assert.Throws<OnnxExportException>(() =>
            new ExportContext(graph, "model.architecture test").Run(network, "body", graph.Input("picture", [-1, 3, 8, 8])));
        Assert.Equal("model.architecture test: module 'body.act' (GELU) has no ONNX export", e.Message);
    }
}
