using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SharpGan.Onnx;

/// <summary>
/// An exported generator's graph in ONNX Runtime, checked against its manifest when opened: the graph takes exactly the
/// inputs the manifest lists and gives <c>image</c>. Runs one batch at a time.
/// </summary>
internal sealed class GeneratorGraph : IDisposable
{
    public const string ImageOutput = "image";

    readonly InferenceSession session;
    readonly IReadOnlyList<ManifestTensor> inputs;
    readonly int imageSize;

    public GeneratorGraph(string onnxPath, ExportManifest manifest, SessionOptions? options)
    {
        if (!File.Exists(onnxPath))
            throw new InvalidDataException($"{onnxPath}: no such file (the manifest names '{manifest.Onnx}')");
        try
        {
            session = options is null ? new InferenceSession(onnxPath) : new InferenceSession(onnxPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{onnxPath}: ONNX Runtime cannot load it ({FirstLine(e.Message)})");
        }
        inputs = manifest.Inputs;
        imageSize = manifest.ImageSize;
        if (Mismatch(session, inputs) is { } reason)
        {
            session.Dispose();
            throw new InvalidDataException($"{onnxPath}: {reason}");
        }
    }

    /// <summary>How the graph differs from what its manifest says it takes and gives, or null when it does not.</summary>
    static string? Mismatch(InferenceSession session, IReadOnlyList<ManifestTensor> inputs)
    {
        var graphInputs = session.InputMetadata.Keys.Order().ToList();
        var listed = inputs.Select(i => i.Name).Order().ToList();
        if (!graphInputs.SequenceEqual(listed))
            return $"the graph takes {string.Join(", ", graphInputs)}; its manifest lists {string.Join(", ", listed)}";
        if (!session.OutputMetadata.TryGetValue(ImageOutput, out var image) || image.ElementDataType != TensorElementType.Float)
            return $"no float32 '{ImageOutput}' output (it gives {string.Join(", ", session.OutputMetadata.Keys)})";
        foreach (var input in inputs)
        {
            var metadata = session.InputMetadata[input.Name];
            if (metadata.ElementDataType != TensorElementType.Float)
                return $"input '{input.Name}' is {metadata.ElementDataType}; the contract feeds float32";
            // −1 where the graph's size is dynamic; a fixed one must be the manifest's, or ONNX Runtime refuses mid-run.
            var dims = metadata.Dimensions;
            if (dims.Length != input.Shape.Count || dims.Skip(1).Zip(input.Shape.Skip(1)).Any(d => d.First >= 0 && d.First != d.Second))
                return $"input '{input.Name}' is [{string.Join(", ", dims)}] in the graph, [{string.Join(", ", input.Shape)}] in its manifest";
        }
        return null;
    }

    /// <summary>Images for <paramref name="count"/> samples; <paramref name="values"/> holds every input's
    /// count × per-sample floats, by input name.</summary>
    public GeneratedImages Run(int count, IReadOnlyDictionary<string, float[]> values)
    {
        var names = new List<string>(inputs.Count);
        var tensors = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var input in inputs)
            {
                long[] shape = [count, .. input.Shape.Skip(1)];
                names.Add(input.Name);
                tensors.Add(OrtValue.CreateTensorValueFromMemory(values[input.Name], shape));
            }
            using var runOptions = new RunOptions();
            using var outputs = RunSession(runOptions, names, tensors);
            var image = outputs[0];
            var given = image.GetTensorTypeAndShape().Shape;
            if (given is not [var n, 3, var h, var w] || n != count || h != imageSize || w != imageSize)
                throw new InvalidDataException($"the graph gave an image of shape [{string.Join(", ", given)}]; its manifest says [{count}, 3, {imageSize}, {imageSize}]");
            return new GeneratedImages(image.GetTensorDataAsSpan<float>().ToArray(), count, imageSize);
        }
        finally
        {
            foreach (var tensor in tensors) tensor.Dispose();
        }
    }

    IDisposableReadOnlyCollection<OrtValue> RunSession(RunOptions runOptions, List<string> names, List<OrtValue> tensors)
    {
        try
        {
            return session.Run(runOptions, names, tensors, [ImageOutput]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"the exported graph failed to run ({FirstLine(e.Message)})");
        }
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    public void Dispose() => session.Dispose();
}
