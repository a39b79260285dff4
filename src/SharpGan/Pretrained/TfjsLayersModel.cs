using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Pretrained;

/// <summary>One Keras layer of a TF.js layers model: its name, class, config, and the layers feeding it.</summary>
public sealed record TfjsLayer(string Name, string ClassName, JsonObject Config, IReadOnlyList<string> Inbound);

/// <summary>
/// A TensorFlow.js "layers" model read from <c>model.json</c> + its weight files: the Keras functional graph
/// (layers in file order, inputs, outputs) and every weight as a float tensor in Keras' own layout (kernels HWIO,
/// depthwise kernels H×W×C×multiplier), dequantised: uint8/uint16 values q become min + scale·q; float16 and float32
/// are read as they are. Building torch modules from it is the builders' business.
/// </summary>
public sealed class TfjsLayersModel : IDisposable
{
    public IReadOnlyList<TfjsLayer> Layers { get; }
    public IReadOnlyList<string> Inputs { get; }
    public IReadOnlyList<string> Outputs { get; }
    /// <summary>By the manifest's names, e.g. <c>Conv1/kernel</c>, <c>bn_Conv1/moving_mean</c>.</summary>
    public IReadOnlyDictionary<string, Tensor> Weights { get; }

    TfjsLayersModel(IReadOnlyList<TfjsLayer> layers, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, Dictionary<string, Tensor> weights)
    {
        Layers = layers; Inputs = inputs; Outputs = outputs; Weights = weights;
    }

    /// <exception cref="InvalidDataException">The files do not hold what the manifest says; the message names the file.</exception>
    public static TfjsLayersModel Load(string folder)
    {
        var file = Path.Combine(folder, "model.json");
        JsonNode? parsed;
        try { parsed = JsonNode.Parse(File.ReadAllText(file)); }
        catch (JsonException e)
        {
            // A damaged cache (a fetch cut short, a file edited by hand): say which file, and how to get it back.
            throw new InvalidDataException($"'{file}' is damaged (not JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): run sharpgan pretrained fetch again");
        }
        var root = parsed as JsonObject ?? throw new InvalidDataException($"'{file}' is not a JSON object");
        var config = root["modelTopology"]?["model_config"]?["config"] as JsonObject
            ?? throw new InvalidDataException($"'{file}' has no modelTopology.model_config.config (not a Keras layers model)");
        var layers = (config["layers"] as JsonArray ?? throw new InvalidDataException($"'{file}': no layers")).Select(Layer).ToList();
        var weights = ReadWeights(folder, root["weightsManifest"] as JsonArray ?? throw new InvalidDataException($"'{file}': no weightsManifest"));
        return new TfjsLayersModel(layers, Names(config["input_layers"]), Names(config["output_layers"]), weights);
    }

    static TfjsLayer Layer(JsonNode? node)
    {
        var inbound = node!["inbound_nodes"] is JsonArray { Count: > 0 } nodes
            ? nodes[0]!.AsArray().Select(link => (string)link![0]!).ToList()
            : [];
        return new TfjsLayer((string)node["name"]!, (string)node["class_name"]!, node["config"]!.AsObject(), inbound);
    }

    /// <summary>[[name, node, tensor], …] → names.</summary>
    static List<string> Names(JsonNode? list) => list is JsonArray array ? array.Select(e => (string)e![0]!).ToList() : [];

    static Dictionary<string, Tensor> ReadWeights(string folder, JsonArray manifest)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var group in manifest)
        {
            var bytes = group!["paths"]!.AsArray().SelectMany(p => File.ReadAllBytes(Path.Combine(folder, (string)p!))).ToArray();
            int offset = 0;
            foreach (var entry in group["weights"]!.AsArray())
            {
                var name = (string)entry!["name"]!;
                var shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();
                long count = shape.Aggregate(1L, (a, b) => a * b);
                var quantization = entry["quantization"];
                var dtype = (string?)quantization?["dtype"] ?? (string)entry["dtype"]!;
                int size = dtype switch { "uint8" => 1, "uint16" or "float16" => 2, "float32" or "int32" => 4, _ => throw new InvalidDataException($"tensor {name}: dtype {dtype} not supported") };
                if (offset + count * size > bytes.Length)
                    throw new InvalidDataException($"'{folder}': the weight files end inside tensor {name} ({bytes.Length} bytes)");
                var values = Decode(bytes.AsSpan(offset, (int)(count * size)), dtype, quantization);
                result[name] = torch.tensor(values, shape);
                offset += (int)(count * size);
            }
            if (offset != bytes.Length)
                throw new InvalidDataException($"'{folder}': {bytes.Length} bytes of weights, the manifest describes {offset}");
        }
        return result;
    }

    static float[] Decode(ReadOnlySpan<byte> raw, string dtype, JsonNode? quantization)
    {
        var values = new float[raw.Length / (dtype == "uint8" ? 1 : dtype is "uint16" or "float16" ? 2 : 4)];
        double min = (double?)quantization?["min"] ?? 0, scale = (double?)quantization?["scale"] ?? 1;
        for (int i = 0; i < values.Length; i++)
            values[i] = dtype switch
            {
                "uint8" => (float)(min + scale * raw[i]),
                "uint16" => (float)(min + scale * BitConverter.ToUInt16(raw.Slice(2 * i, 2))),
                "float16" => (float)BitConverter.ToHalf(raw.Slice(2 * i, 2)),
                "int32" => BitConverter.ToInt32(raw.Slice(4 * i, 4)),
                _ => BitConverter.ToSingle(raw.Slice(4 * i, 4)),
            };
        return values;
    }

    public void Dispose()
    {
        foreach (var t in Weights.Values) t.Dispose();
    }
}
