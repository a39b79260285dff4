using SharpGan.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>How one module type becomes ONNX nodes: its output for <paramref name="input"/>, in eval mode.</summary>
internal delegate OnnxValue ModuleExport(nn.Module module, OnnxValue input, ExportContext context);

/// <summary>
/// One export in progress: the graph, what is being exported (for messages), the inputs beside the main one that a
/// module may read (a mask generator's mask), and the dropout inputs the graph gains on the way.
/// </summary>
internal sealed class ExportContext(OnnxGraph graph, string network)
{
    readonly List<ManifestTensor> dropoutInputs = [];

    public OnnxGraph Graph { get; } = graph;

    /// <summary>What is exported, in words (<c>model.architecture dcgan</c>, <c>the segmenter</c>): error messages name it.</summary>
    public string Network { get; } = network;

    /// <summary>The mask input, for generators that draw where a mask says.</summary>
    public OnnxValue? Mask { get; init; }

    /// <summary>The inputs that dropout kept on at sampling became, in graph order.</summary>
    public IReadOnlyList<ManifestTensor> DropoutInputs => dropoutInputs;

    /// <summary><paramref name="module"/>'s nodes for <paramref name="input"/>, named under <paramref name="name"/>.</summary>
    public OnnxValue Run(nn.Module module, string name, OnnxValue input)
    {
        using var _ = Graph.Enter(name);
        return OnnxModules.Export(module, input, this);
    }

    /// <summary>The child named <paramref name="name"/> (its state-dict name) of <paramref name="parent"/>, run on <paramref name="input"/>.</summary>
    public OnnxValue RunChild(nn.Module parent, string name, OnnxValue input) => Run(Child(parent, name), name, input);

    /// <summary>Every child of <paramref name="parent"/> in order, each on the previous one's output.</summary>
    public OnnxValue RunChildren(nn.Module parent, OnnxValue input)
    {
        var x = input;
        foreach (var (name, child) in parent.named_children())
            x = Run(child, name, x);
        return x;
    }

    public nn.Module Child(nn.Module parent, string name) =>
        parent.named_children().FirstOrDefault(c => c.name == name).module
        ?? throw new OnnxExportException($"{Network}: module '{Graph.Path}' ({parent.GetType().Name}) has no child '{name}'");

    /// <summary>A new graph input that multiplies <paramref name="x"/>: dropout's keep mask, scaled, fed by the caller.</summary>
    public OnnxValue DropoutInput(OnnxValue x, double probability)
    {
        var name = $"dropout_{dropoutInputs.Count}";
        dropoutInputs.Add(new ManifestTensor(name, x.Shape,
            $"dropout at '{Graph.Path}': each element 0 (dropped, probability p) or 1/(1-p); all ones = dropout's mean",
            0, 1 / (1 - probability), probability));
        return Graph.Mul(x, Graph.Input(name, x.Shape));
    }
}
