using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>
/// The registry of module types that know their ONNX nodes: one entry per type, exact types only (a subclass may
/// compute differently, so it needs its own entry). A network exports when every module its exporter reaches is
/// here; one that is not fails the export with its path, its type and the network, never a graph that computes
/// something else.
/// </summary>
internal static class OnnxModules
{
    static readonly Dictionary<Type, ModuleExport> ByType = [];

    static OnnxModules()
    {
        LayerExports.Register();
        BlockExports.Register();
        GeneratorExports.Register();
    }

    /// <summary>Registers (or replaces) how modules of type <typeparamref name="T"/> export.</summary>
    public static void Register<T>(Func<T, OnnxValue, ExportContext, OnnxValue> export) where T : nn.Module =>
        ByType[typeof(T)] = (module, input, context) => export((T)module, input, context);

    public static bool Knows(Type type) => ByType.ContainsKey(type);

    public static OnnxValue Export(nn.Module module, OnnxValue input, ExportContext context) =>
        ByType.TryGetValue(module.GetType(), out var export) ? export(module, input, context)
            : throw new OnnxExportException($"{context.Network}: module '{context.Graph.Path}' ({module.GetType().Name}) has no ONNX export");
}
