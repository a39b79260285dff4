using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace SharpGan.Tests.Export;

/// <summary>Runs an exported graph in ONNX Runtime on TorchSharp tensors, for comparisons with the network.</summary>
static class OnnxParity
{
    public static Dictionary<string, float[]> Run(string onnxPath, IReadOnlyDictionary<string, Tensor> inputs)
    {
        using var session = new InferenceSession(onnxPath);
        var feeds = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Key,
            new DenseTensor<float>(Host(i.Value), i.Value.shape.Select(d => (int)d).ToArray()))).ToList();
        using var results = session.Run(feeds);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }

    public static float[] Host(Tensor x)
    {
        using var scope = NewDisposeScope();
        return x.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    public static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
