using Google.Protobuf;
using SharpGan.Compute;
using SharpGan.Onnx;
using SharpGan.Segmentation;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>The object segmenter's U-Net as <c>segmenter.onnx</c> + <c>segmenter.json</c>: pictures in, the object's logits out.</summary>
public static class SegmenterExport
{
    public static ExportResult Write(Segmenter segmenter, string source, string folder)
    {
        var network = segmenter.Network;
        network.eval();
        ComputeLayers.Apply(network, ComputePolicy.Fp32Nchw);
        int size = segmenter.ImageSize;
        var graph = new OnnxGraph();
        var picture = graph.Input("picture", [-1, 3, size, size]);
        var logits = graph.Output(OnnxModules.Export(network, picture, new ExportContext(graph, $"the segmenter {source}")), "logits");
        var bytes = graph.ToModel($"SharpGan segmenter: {Path.GetFileName(source)}").ToByteArray();

        double difference;
        using (NewDisposeScope())
        using (no_grad())
        using (var random = new Generator(1234))
        {
            var input = rand([2, 3, size, size], generator: random).mul(2).sub(1);
            difference = OnnxCheck.Require($"the segmenter {source}", bytes, new Dictionary<string, Tensor> { ["picture"] = input },
                new Dictionary<string, Tensor> { ["logits"] = network.forward(input) });
        }

        var manifest = new ExportManifest(ExportManifest.CurrentFormat, "segmenter", "segmenter.onnx", OnnxGraph.Opset, "", "unet", size,
            [new ManifestTensor("picture", picture.Shape, $"the picture to segment, RGB, NCHW, at {size} px (resize others first)", -1, 1)],
            [new ManifestTensor("logits", logits.Shape, "the object's logit per pixel; sigmoid gives its probability")],
            [], false, [], "", false, 0, Path.GetFileName(source), "");
        var (onnx, json) = ExportFolder.Write(folder, "segmenter", bytes, manifest);
        return new ExportResult(onnx, json, bytes.Length, difference, manifest);
    }
}
