using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>A value of the graph being built: its name and its static shape (−1 for the batch).</summary>
internal sealed record OnnxValue(string Name, long[] Shape)
{
    public long Channels => Shape[1];
    public long Height => Shape[2];
    public long Width => Shape[3];
}

/// <summary>
/// An ONNX graph under construction, in ONNX's own protobuf classes (OnnxSharp's generated <c>Onnx.*</c>): float32
/// NCHW values with the batch dynamic, weights as initializers, and one method per operator SharpGan's modules
/// need, each computing its output's shape so that exporters can size what follows (a dropout input, a reshape).
/// Node and initializer names follow the module path being exported (<see cref="Enter"/>), so a graph reads like
/// the network's state dict.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>ONNX 1.12's default-domain opset: Reduce* still take axes as an attribute, every operator here exists.</summary>
    public const int Opset = 17;

    readonly GraphProto graph = new() { Name = "sharpgan" };
    readonly Stack<string> path = new();
    readonly HashSet<string> names = [];

    /// <summary>The module path being exported, dotted (<c>main.conv0</c>), for names and error messages.</summary>
    public string Path => string.Join('.', path.Reverse());

    /// <summary>Names nodes and weights after <paramref name="part"/> until the returned scope ends.</summary>
    public IDisposable Enter(string part)
    {
        path.Push(part);
        return new Leave(path);
    }

    sealed class Leave(Stack<string> path) : IDisposable
    {
        public void Dispose() => path.Pop();
    }

    /// <summary>A graph input of <paramref name="shape"/> (−1: the batch, named <c>batch</c>).</summary>
    public OnnxValue Input(string name, long[] shape)
    {
        graph.Input.Add(ValueInfo(name, shape));
        names.Add(name);
        return new OnnxValue(name, shape);
    }

    /// <summary>Makes <paramref name="value"/> a graph output named <paramref name="name"/>.</summary>
    public OnnxValue Output(OnnxValue value, string name)
    {
        var named = Node("Identity", [value.Name], value.Shape, outputName: name);
        graph.Output.Add(ValueInfo(name, value.Shape));
        return named;
    }

    /// <summary>A float32 weight, copied from <paramref name="tensor"/> (any dtype, any device).</summary>
    public string Weight(string hint, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        return Weight(hint, tensor.shape, values);
    }

    /// <summary>A float32 weight from host values.</summary>
    public string Weight(string hint, long[] shape, float[] values)
    {
        var proto = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape);
        var bytes = new byte[values.Length * sizeof(float)];
        // ONNX's raw_data is little-endian; so is every machine libtorch runs on.
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        proto.RawData = ByteString.CopyFrom(bytes);
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 vector constant (a shape, axes).</summary>
    public string Int64s(string hint, params long[] values)
    {
        var proto = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        graph.Initializer.Add(proto);
        return proto.Name;
    }

    public OnnxValue Conv(OnnxValue x, Tensor weight, long stride, long padding, long groups = 1, string? bias = null)
    {
        long kernel = weight.shape[2], outChannels = weight.shape[0];
        long side(long s) => (s + 2 * padding - kernel) / stride + 1;
        return Node("Conv", bias is null ? [x.Name, Weight("weight", weight)] : [x.Name, Weight("weight", weight), bias],
            [-1, outChannels, side(x.Height), side(x.Width)], KernelAttributes(kernel, stride, padding, groups));
    }

    public OnnxValue ConvTranspose(OnnxValue x, Tensor weight, long stride, long padding, long outputPadding = 0, long groups = 1)
    {
        long kernel = weight.shape[2], outChannels = weight.shape[1] * groups;
        long side(long s) => (s - 1) * stride - 2 * padding + kernel + outputPadding;
        var attributes = KernelAttributes(kernel, stride, padding, groups);
        attributes.Add(Ints("output_padding", outputPadding, outputPadding));
        return Node("ConvTranspose", [x.Name, Weight("weight", weight)], [-1, outChannels, side(x.Height), side(x.Width)], attributes);
    }

    /// <summary>BatchNormalization in inference mode: the running statistics, on B×C×… (a B×N input normalises each of N).</summary>
    public OnnxValue BatchNorm(OnnxValue x, Tensor scale, Tensor bias, Tensor mean, Tensor variance, double eps) =>
        Node("BatchNormalization", [x.Name, Weight("weight", scale), Weight("bias", bias), Weight("running_mean", mean), Weight("running_var", variance)],
            x.Shape, [Float("epsilon", eps)]);

    public OnnxValue InstanceNorm(OnnxValue x, Tensor scale, Tensor bias, double eps) =>
        Node("InstanceNormalization", [x.Name, Weight("weight", scale), Weight("bias", bias)], x.Shape, [Float("epsilon", eps)]);

    /// <summary>x·Wᵀ + b on B×K (nn.Linear's layout: W is out × in).</summary>
    public OnnxValue Linear(OnnxValue x, Tensor weight, Tensor bias) =>
        Node("Gemm", [x.Name, Weight("weight", weight), Weight("bias", bias)], [-1, weight.shape[0]], [Int("transB", 1)]);

    public OnnxValue Flatten(OnnxValue x) =>
        Node("Flatten", [x.Name], [-1, x.Shape.Skip(1).Aggregate(1L, (a, b) => a * b)], [Int("axis", 1)]);

    /// <summary>Reshapes to −1 × <paramref name="perSample"/>: the batch stays dynamic.</summary>
    public OnnxValue Reshape(OnnxValue x, params long[] perSample) =>
        Node("Reshape", [x.Name, Int64s("shape", [-1, .. perSample])], [-1, .. perSample]);

    /// <summary>Broadcasts B×C×1×1 to B×C×H×W.</summary>
    public OnnxValue Expand(OnnxValue x, long height, long width) =>
        Node("Expand", [x.Name, Int64s("shape", 1, 1, height, width)], [-1, x.Channels, height, width]);

    public OnnxValue Concat(OnnxValue a, OnnxValue b) =>
        Node("Concat", [a.Name, b.Name], [-1, a.Channels + b.Channels, .. a.Shape.Skip(2)], [Int("axis", 1)]);

    public OnnxValue Add(OnnxValue a, string b) => Node("Add", [a.Name, b], a.Shape);
    public OnnxValue Add(OnnxValue a, OnnxValue b) => Node("Add", [a.Name, b.Name], a.Shape);
    public OnnxValue Mul(OnnxValue a, OnnxValue b) => Node("Mul", [a.Name, b.Name], a.Shape);

    /// <summary><paramref name="a"/> times a weight whose shape broadcasts to the result <paramref name="shape"/>.</summary>
    public OnnxValue Mul(OnnxValue a, string b, long[] shape) => Node("Mul", [a.Name, b], shape);

    public OnnxValue Relu(OnnxValue x) => Node("Relu", [x.Name], x.Shape);
    public OnnxValue LeakyRelu(OnnxValue x, double slope) => Node("LeakyRelu", [x.Name], x.Shape, [Float("alpha", slope)]);
    public OnnxValue Tanh(OnnxValue x) => Node("Tanh", [x.Name], x.Shape);

    public OnnxValue MaxPool(OnnxValue x, long kernel) =>
        Node("MaxPool", [x.Name], [-1, x.Channels, x.Height / kernel, x.Width / kernel], [Ints("kernel_shape", kernel, kernel), Ints("strides", kernel, kernel)]);

    /// <summary>Mean over each kernel×kernel cell at stride kernel: adaptive average pooling where the side divides.</summary>
    public OnnxValue AveragePool(OnnxValue x, long kernel) =>
        Node("AveragePool", [x.Name], [-1, x.Channels, x.Height / kernel, x.Width / kernel], [Ints("kernel_shape", kernel, kernel), Ints("strides", kernel, kernel)]);

    /// <summary>Mean over height and width: B×C.</summary>
    public OnnxValue SpatialMean(OnnxValue x) =>
        Node("ReduceMean", [x.Name], [-1, x.Channels], [Ints("axes", 2, 3), Int("keepdims", 0)]);

    /// <summary>PixelShuffle(r): DepthToSpace in column-row-depth order, as torch orders the channels.</summary>
    public OnnxValue PixelShuffle(OnnxValue x, long factor) =>
        Node("DepthToSpace", [x.Name], [-1, x.Channels / (factor * factor), x.Height * factor, x.Width * factor],
            [Int("blocksize", factor), new AttributeProto { Name = "mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("CRD") }]);

    /// <summary>The finished model, checked by ONNX Runtime's loader when it is opened.</summary>
    public ModelProto ToModel(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = 8,   // ONNX 1.12, the release of opset 17
            ProducerName = "SharpGan",
            ProducerVersion = typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "",
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    OnnxValue Node(string op, string[] inputs, long[] shape, IEnumerable<AttributeProto>? attributes = null, string? outputName = null)
    {
        var output = outputName ?? Unique(op);
        names.Add(output);
        var node = new NodeProto { OpType = op, Name = Unique(op + "_node") };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (attributes is not null) node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return new OnnxValue(output, shape);
    }

    string Unique(string hint)
    {
        var prefix = path.Count > 0 ? Path + "." : "";
        var name = prefix + hint;
        for (int i = 1; !names.Add(name); i++)
            name = $"{prefix}{hint}_{i}";
        return name;
    }

    static List<AttributeProto> KernelAttributes(long kernel, long stride, long padding, long groups) =>
        [Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", padding, padding, padding, padding), Int("group", groups)];

    static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    static ValueInfoProto ValueInfo(string name, long[] shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var d in shape)
            tensorType.Shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
