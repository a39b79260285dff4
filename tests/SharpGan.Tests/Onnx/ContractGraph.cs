using Google.Protobuf;
using Onnx;
using SharpGan.Onnx;

namespace SharpGan.Tests.Onnx;

/// <summary>
/// A tiny generator graph that obeys the export contract (docs: the inputs noise, code, mask, picture, dropout_N and the
/// output image in [-1, 1]), written with its manifest into an export folder, and the same function in plain C# to
/// check what ONNX Runtime gives. It stands in for <c>sharpgan export</c>'s graphs until the exporter lands:
/// h = Σ flatten(input)·W_input, h ·= flatten(dropout_0), image = tanh(h·W_out) as B×3×S×S.
/// </summary>
sealed class ContractGraph
{
    public const int Hidden = 6;

    public required string Kind { get; init; }
    public int ImageSize { get; init; } = 8;
    public (int Channels, int Size)? Latent { get; init; } = (4, 2);
    public IReadOnlyList<string> Classes { get; init; } = [];
    public bool MultiLabel { get; init; }
    public bool Mask { get; init; }
    public bool Picture { get; init; }
    public double? Dropout { get; init; }

    public static ContractGraph Dcgan => new() { Kind = "none" };
    public static ContractGraph Acgan => new() { Kind = "acgan", Classes = ["circle", "square", "star"] };
    public static ContractGraph Tags => new() { Kind = "acgan", Classes = ["red hair", "blue eyes", "smile"], MultiLabel = true };
    public static ContractGraph MaskConditioned => new() { Kind = "mask", Mask = true };
    public static ContractGraph Pix2Pix => new() { Kind = "pix2pix", Latent = null, Picture = true, Dropout = 0.5 };

    public IReadOnlyList<ManifestTensor> Inputs
    {
        get
        {
            var inputs = new List<ManifestTensor>();
            int s = ImageSize;
            if (Latent is var (c, h)) inputs.Add(new("noise", [-1, c, h, h], "standard normal noise"));
            if (Classes.Count > 0) inputs.Add(new("code", [-1, Classes.Count], MultiLabel ? "multi-hot tags" : "one-hot class", 0, 1));
            if (Mask) inputs.Add(new("mask", [-1, 1, s, s], "where to draw", 0, 1));
            if (Picture) inputs.Add(new("picture", [-1, 3, s, s], "the picture to translate", -1, 1));
            if (Dropout is { } p) inputs.Add(new("dropout_0", [-1, Hidden, 1, 1], "dropout keep mask", Probability: p));
            return inputs;
        }
    }

    /// <summary>Writes generator.onnx and generator.json into <paramref name="folder"/>; returns the folder.</summary>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var manifest = new ExportManifest(ExportManifest.CurrentFormat, "generator", "generator.onnx", 17, Kind, "contract-test", ImageSize,
            Inputs, [new ManifestTensor("image", [-1, 3, ImageSize, ImageSize], "generated image", -1, 1)], Classes, MultiLabel, [],
            ExportManifest.TorchCpuNoise, Ema: false, Epoch: 1, Checkpoint: "last.ckpt", ConfigSha256: new string('0', 64));
        File.WriteAllText(Path.Combine(folder, "generator.json"), manifest.ToJson());
        File.WriteAllBytes(Path.Combine(folder, "generator.onnx"), Model().ToByteArray());
        return folder;
    }

    /// <summary>The graph's function in double precision, for <paramref name="count"/> samples.</summary>
    public float[] Reference(int count, IReadOnlyDictionary<string, float[]> values)
    {
        int outputs = 3 * ImageSize * ImageSize;
        var image = new float[count * outputs];
        for (int b = 0; b < count; b++)
        {
            var h = new double[Hidden];
            foreach (var input in Inputs.Where(i => !IsDropout(i)))
            {
                int length = Length(input);
                for (int r = 0; r < length; r++)
                    for (int j = 0; j < Hidden; j++)
                        h[j] += values[input.Name][b * length + r] * Weight(input.Name, r, j);
            }
            if (Dropout is not null)
                for (int j = 0; j < Hidden; j++) h[j] *= values["dropout_0"][b * Hidden + j];
            for (int o = 0; o < outputs; o++)
                image[b * outputs + o] = (float)Math.Tanh(Enumerable.Range(0, Hidden).Sum(j => h[j] * Weight("out", j, o)));
        }
        return image;
    }

    ModelProto Model()
    {
        var graph = new GraphProto { Name = "contract" };
        var terms = new List<string>();
        foreach (var input in Inputs)
        {
            graph.Input.Add(Value(input.Name, input.Shape));
            if (IsDropout(input)) continue;
            int length = Length(input);
            graph.Initializer.Add(Floats($"W_{input.Name}", [length, Hidden], (r, j) => Weight(input.Name, r, j)));
            graph.Node.Add(Node("Reshape", [input.Name, Shape($"{input.Name}_flat", graph, -1, length)], $"{input.Name}_2d"));
            graph.Node.Add(Node("MatMul", [$"{input.Name}_2d", $"W_{input.Name}"], $"h_{input.Name}"));
            terms.Add($"h_{input.Name}");
        }
        graph.Node.Add(terms.Count == 1 ? Node("Identity", [terms[0]], "h") : Node("Sum", terms, "h"));
        var hidden = "h";
        if (Dropout is not null)
        {
            graph.Node.Add(Node("Reshape", ["dropout_0", Shape("dropout_flat", graph, -1, Hidden)], "keep"));
            graph.Node.Add(Node("Mul", ["h", "keep"], "h_kept"));
            hidden = "h_kept";
        }
        int outputs = 3 * ImageSize * ImageSize;
        graph.Initializer.Add(Floats("W_out", [Hidden, outputs], (j, o) => Weight("out", j, o)));
        graph.Node.Add(Node("MatMul", [hidden, "W_out"], "logits"));
        graph.Node.Add(Node("Tanh", ["logits"], "tanh"));
        graph.Node.Add(Node("Reshape", ["tanh", Shape("image_shape", graph, -1, 3, ImageSize, ImageSize)], "image"));
        graph.Output.Add(Value("image", [-1, 3, ImageSize, ImageSize]));
        var model = new ModelProto { IrVersion = 8, ProducerName = "SharpGan.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }

    static bool IsDropout(ManifestTensor input) => input.Name.StartsWith("dropout_", StringComparison.Ordinal);

    static int Length(ManifestTensor input) => (int)input.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>Small fixed weights, different per input, so every input moves the image.</summary>
    static double Weight(string input, int row, int column) =>
        0.4 * Math.Sin(input.Length * 1.7 + input[0] * 0.13 + row * 0.37 + column * 0.91);

    static NodeProto Node(string op, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    static string Shape(string name, GraphProto graph, params long[] dims)
    {
        var shape = new TensorProto { Name = name, DataType = 7 };   // int64
        shape.Dims.Add(dims.Length);
        shape.Int64Data.AddRange(dims);
        graph.Initializer.Add(shape);
        return name;
    }

    static TensorProto Floats(string name, int[] dims, Func<int, int, double> value)
    {
        var tensor = new TensorProto { Name = name, DataType = 1 };   // float
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        for (int r = 0; r < dims[0]; r++)
            for (int c = 0; c < dims[1]; c++)
                tensor.FloatData.Add((float)value(r, c));
        return tensor;
    }

    static ValueInfoProto Value(string name, IEnumerable<long> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
