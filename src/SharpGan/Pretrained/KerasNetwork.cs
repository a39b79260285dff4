using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Pretrained;

/// <summary>
/// A Keras functional model (TF.js layers format) run by TorchSharp: each layer becomes a function on NCHW tensors
/// with its weights converted once (HWIO kernels → OIHW, depthwise H×W×C×1 → C×1×H×W, Dense I×O → O×I, BatchNorm
/// folded into a per-channel scale and shift with the config's ε). Keras's <c>same</c> padding is TensorFlow's
/// asymmetric one (<see cref="TfSamePadding"/>) and its same-padded average pooling leaves the padding out of the
/// mean. The weights are buffers, never trained, but gradients flow to the input (style transfer optimises it).
/// Inputs are what the Keras model takes, moved to NCHW: for nsfwjs, RGB in [0, 1].
/// </summary>
public sealed class KerasNetwork : nn.Module<Tensor, Tensor>
{
    readonly List<KerasNode> nodes = [];
    readonly string output;

    /// <summary>The side of the square input the model was built for.</summary>
    public int InputSize { get; }
    /// <summary>The layers in graph order, by Keras name.</summary>
    public IReadOnlyList<string> LayerNames => nodes.Select(n => n.Name).ToList();

    sealed record KerasNode(string Name, string ClassName, string[] Inbound, Func<Tensor[], Tensor> Apply);

    public KerasNetwork(TfjsLayersModel model, string name = nameof(KerasNetwork)) : base(name)
    {
        Native.NnpackSwitch.EnsureOff();
        var inputLayer = model.Layers.First(l => l.ClassName == "InputLayer");
        InputSize = (int)inputLayer.Config["batch_input_shape"]![1]!;
        output = model.Outputs.Single();
        // Conversions make temporaries; only the registered buffers leave this scope.
        using (var scope = NewDisposeScope())
        {
            foreach (var layer in model.Layers)
                nodes.Add(new KerasNode(layer.Name, layer.ClassName, [.. layer.Inbound], Build(layer, model.Weights)));
            foreach (var (_, buffer) in named_buffers()) buffer.DetachFromDisposeScope();
        }
        RegisterComponents();
    }

    /// <summary>Loads <c>model.json</c> + weights from <paramref name="folder"/> and builds the network.</summary>
    public static KerasNetwork Load(string folder, string name)
    {
        using var model = TfjsLayersModel.Load(folder);
        return new KerasNetwork(model, name);
    }

    /// <summary>The model's output (nsfwjs: class probabilities) for a batch of N×3×S×S inputs.</summary>
    public override Tensor forward(Tensor input) => Activations(input, [output])[output];

    /// <summary>
    /// The outputs of the named layers (NCHW for maps, N×D for vectors), computing only as far as the last of them;
    /// every other intermediate is released as soon as no later layer reads it.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a layer of this model.</exception>
    public IReadOnlyDictionary<string, Tensor> Activations(Tensor input, IReadOnlyCollection<string> names)
    {
        var unknown = names.Where(n => nodes.All(node => node.Name != n)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"no layer {string.Join(", ", unknown.Select(n => $"'{n}'"))} in this model");
        int last = nodes.FindLastIndex(n => names.Contains(n.Name));
        var lastUse = new Dictionary<string, int>();
        for (int i = 0; i <= last; i++)
            foreach (var from in nodes[i].Inbound) lastUse[from] = i;
        var values = new Dictionary<string, Tensor>();
        var result = new Dictionary<string, Tensor>();
        for (int i = 0; i <= last; i++)
        {
            var node = nodes[i];
            var value = node.Inbound.Length == 0 ? input : node.Apply([.. node.Inbound.Select(n => values[n])]);
            values[node.Name] = value;
            if (names.Contains(node.Name)) result[node.Name] = value;
            foreach (var from in node.Inbound.Distinct())
                if (lastUse[from] == i && !names.Contains(from) && values.Remove(from, out var done)
                    && !ReferenceEquals(done, input) && !values.Values.Any(v => ReferenceEquals(v, done)))   // identity layers pass the same tensor on
                    done.Dispose();
        }
        return result;
    }

    Func<Tensor[], Tensor> Build(TfjsLayer layer, IReadOnlyDictionary<string, Tensor> weights)
    {
        var c = layer.Config;
        // A copy: the loaded model disposes its own tensors.
        Tensor Weight(string key) => weights.TryGetValue($"{layer.Name}/{key}", out var w) ? w.clone()
            : throw new InvalidDataException($"layer {layer.Name}: weight '{layer.Name}/{key}' missing");
        switch (layer.ClassName)
        {
            case "InputLayer":
            case "Dropout":   // identity at inference
                return x => x[0];
            case "ZeroPadding2D":
            {
                var p = c["padding"]!.AsArray();
                long[] pad = [(long)p[1]![0]!, (long)p[1]![1]!, (long)p[0]![0]!, (long)p[0]![1]!];
                return x => F.pad(x[0], pad);
            }
            case "Conv2D":
            {
                var kernel = Buffer(Weight("kernel").permute(3, 2, 0, 1).contiguous(), layer.Name, "oihw");
                var bias = (bool)c["use_bias"]! ? Buffer(Weight("bias"), layer.Name, "bias") : null;
                var (stride, dilation, same) = Window(c);
                var activation = Activation((string)c["activation"]!, layer.Name);
                return x => activation(F.conv2d(Same(x[0], kernel.shape[2], kernel.shape[3], stride, dilation, same), kernel, bias,
                    strides: [stride.H, stride.W], dilation: [dilation.H, dilation.W]));
            }
            case "DepthwiseConv2D":
            {
                var raw = Weight("depthwise_kernel");   // H × W × C × multiplier
                var kernel = Buffer(raw.permute(2, 3, 0, 1).reshape(raw.shape[2] * raw.shape[3], 1, raw.shape[0], raw.shape[1]).contiguous(), layer.Name, "depthwise_oihw");
                var bias = (bool)c["use_bias"]! ? Buffer(Weight("bias"), layer.Name, "bias") : null;
                var (stride, dilation, same) = Window(c);
                long groups = raw.shape[2];
                var activation = Activation((string)c["activation"]!, layer.Name);
                return x => activation(F.conv2d(Same(x[0], kernel.shape[2], kernel.shape[3], stride, dilation, same), kernel, bias,
                    strides: [stride.H, stride.W], dilation: [dilation.H, dilation.W], groups: groups));
            }
            case "BatchNormalization":
            {
                double eps = (double)c["epsilon"]!;
                var mean = Weight("moving_mean");
                var variance = Weight("moving_variance");
                var gamma = (bool)c["scale"]! ? Weight("gamma") : ones_like(mean);
                var beta = (bool)c["center"]! ? Weight("beta") : zeros_like(mean);
                var scale = Buffer(gamma.div(variance.add(eps).sqrt()).view(1, -1, 1, 1), layer.Name, "folded_scale");
                var shift = Buffer(beta.sub(mean.mul(gamma.div(variance.add(eps).sqrt()))).view(1, -1, 1, 1), layer.Name, "folded_shift");
                return x => x[0].mul(scale).add(shift);
            }
            case "ReLU":
            {
                if ((double?)c["negative_slope"] is { } slope && slope != 0 || (double?)c["threshold"] is { } t && t != 0)
                    throw new NotSupportedException($"layer {layer.Name}: ReLU with a negative slope or threshold");
                return c["max_value"] is JsonValue max ? x => x[0].clamp(0, (double)max) : x => x[0].relu();
            }
            case "Activation":
                return x => Activation((string)c["activation"]!, layer.Name)(x[0]);
            case "Add":
                return x => x.Skip(1).Aggregate(x[0], (sum, next) => sum.add(next));
            case "Concatenate":
                if ((int)c["axis"]! is not (3 or -1)) throw new NotSupportedException($"layer {layer.Name}: concatenation on axis {(int)c["axis"]!}");
                return x => cat(x, 1);
            case "MaxPooling2D":
            case "AveragePooling2D":
            {
                var size = Pair(c["pool_size"]!);
                var stride = Pair(c["strides"]!);
                bool same = (string)c["padding"]! == "same";
                return layer.ClassName == "MaxPooling2D"
                    ? x => F.max_pool2d(Same(x[0], size.H, size.W, stride, (1, 1), same, double.NegativeInfinity), [size.H, size.W], [stride.H, stride.W])
                    : x => AveragePool(x[0], size, stride, same);
            }
            case "Flatten":   // Keras flattens H, W, C in that order
                return x => x[0].permute(0, 2, 3, 1).flatten(1);
            case "Dense":
            {
                var kernel = Buffer(Weight("kernel").t().contiguous(), layer.Name, "out_in");
                var bias = (bool)c["use_bias"]! ? Buffer(Weight("bias"), layer.Name, "bias") : null;
                var activation = Activation((string)c["activation"]!, layer.Name);
                return x => activation(F.linear(x[0], kernel, bias));
            }
            default:
                throw new NotSupportedException($"layer {layer.Name}: Keras {layer.ClassName} is not supported");
        }
    }

    Tensor Buffer(Tensor tensor, string layer, string what)
    {
        register_buffer($"{layer}__{what}".Replace('/', '_'), tensor);
        return tensor;
    }

    static Func<Tensor, Tensor> Activation(string name, string layer) => name switch
    {
        "linear" => x => x,
        "relu" => x => x.relu(),
        "softmax" => x => x.softmax(1),
        _ => throw new NotSupportedException($"layer {layer}: activation '{name}' is not supported"),
    };

    static ((long H, long W) Stride, (long H, long W) Dilation, bool Same) Window(JsonObject c) =>
        (Pair(c["strides"]!), Pair(c["dilation_rate"]!), (string)c["padding"]! == "same");

    static (long H, long W) Pair(JsonNode node) => ((long)node[0]!, (long)node[1]!);

    /// <summary>Pads <paramref name="x"/> as TensorFlow's <c>same</c> would for this window (nothing for <c>valid</c>).</summary>
    static Tensor Same(Tensor x, long kernelH, long kernelW, (long H, long W) stride, (long H, long W) dilation, bool same, double value = 0)
    {
        if (!same) return x;
        var (top, bottom) = TfSamePadding.Of((int)x.shape[2], (int)kernelH, (int)stride.H, (int)dilation.H);
        var (left, right) = TfSamePadding.Of((int)x.shape[3], (int)kernelW, (int)stride.W, (int)dilation.W);
        return top + bottom + left + right == 0 ? x : F.pad(x, [left, right, top, bottom], value: value);
    }

    /// <summary>Average pooling; with <c>same</c>, each window averages only the real pixels it covers, as TensorFlow does.</summary>
    static Tensor AveragePool(Tensor x, (long H, long W) size, (long H, long W) stride, bool same)
    {
        if (!same) return F.avg_pool2d(x, [size.H, size.W], [stride.H, stride.W]);
        var sums = F.avg_pool2d(Same(x, size.H, size.W, stride, (1, 1), true), [size.H, size.W], [stride.H, stride.W]);
        var counts = F.avg_pool2d(Same(ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device), size.H, size.W, stride, (1, 1), true),
            [size.H, size.W], [stride.H, stride.W]);
        return sums.div(counts);
    }
}
