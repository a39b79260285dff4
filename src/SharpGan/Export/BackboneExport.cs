using Google.Protobuf;
using SharpGan.Metrics;
using SharpGan.Onnx;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>
/// A domain backbone (<c>sharpgan eval backbone train</c>) as <c>backbone.json</c> + <c>backbone.onnx</c>: pictures
/// in, the pooled features the metrics compare and the class logits out.
/// </summary>
public static class BackboneExport
{
    public static ExportResult Write(DomainBackbone backbone, string source, string folder)
    {
        var network = backbone.Network;
        network.eval();
        int size = backbone.InputSize;
        var graph = new OnnxGraph();
        var picture = graph.Input("picture", [-1, 3, size, size]);
        var context = new ExportContext(graph, $"the backbone {source}");
        var pooled = graph.SpatialMean(context.RunChild(network, "trunk", picture));
        var features = graph.Output(pooled, "features");
        var logits = graph.Output(context.RunChild(network, "head", pooled), "logits");
        var bytes = graph.ToModel($"SharpGan domain backbone: {backbone.Name}").ToByteArray();

        double difference;
        using (NewDisposeScope())
        using (no_grad())
        using (var random = new Generator(1234))
        {
            var input = rand([2, 3, size, size], generator: random).mul(2).sub(1);
            var (f, l) = network.ForwardBoth(input);
            difference = OnnxCheck.Require($"the backbone {source}", bytes, new Dictionary<string, Tensor> { ["picture"] = input },
                new Dictionary<string, Tensor> { ["features"] = f, ["logits"] = l });
        }

        var manifest = new ExportManifest(ExportManifest.CurrentFormat, "backbone", "backbone.onnx", OnnxGraph.Opset, "", backbone.Name, size,
            [new ManifestTensor("picture", picture.Shape, $"RGB, NCHW, at {size} px ({backbone.ResizeFilter} from other sizes)", -1, 1)],
            [new ManifestTensor("features", features.Shape, "the pooled features Fréchet and kernel distances compare"),
             new ManifestTensor("logits", logits.Shape, "class logits, in the order of 'classes'; softmax gives probabilities")],
            backbone.Classes, false, [], "", false, backbone.Info.Epochs, Path.GetFileName(source), "");
        var (onnx, json) = ExportFolder.Write(folder, "backbone", bytes, manifest);
        return new ExportResult(onnx, json, bytes.Length, difference, manifest);
    }
}
