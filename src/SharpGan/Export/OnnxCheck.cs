using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>
/// Runs an exported graph in ONNX Runtime on the inputs the network was run on, and measures how far its outputs
/// are from the network's: an export is written only when they agree (<see cref="Tolerance"/>).
/// </summary>
internal static class OnnxCheck
{
    /// <summary>Max |Δ| allowed between ONNX Runtime's output and TorchSharp's fp32 eval forward.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The largest |Δ| (see <see cref="MaxDifference"/>), or the refusal naming <paramref name="what"/> when it is over the tolerance.</summary>
    public static double Require(string what, byte[] model, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyDictionary<string, Tensor> expected)
    {
        double difference = MaxDifference(model, inputs, expected);
        return difference <= Tolerance ? difference
            : throw new OnnxExportException($"{what}: ONNX Runtime's output differs from the network's by {difference:G3} (allowed {Tolerance:G1}); nothing written");
    }

    /// <summary>The largest |Δ| over every output named in <paramref name="expected"/>.</summary>
    public static double MaxDifference(byte[] model, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyDictionary<string, Tensor> expected)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var feeds = inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Key, ToOrt(i.Value))).ToList();
        using var results = session.Run(feeds, expected.Keys.ToList());
        double worst = 0;
        foreach (var result in results)
        {
            var actual = result.AsTensor<float>().ToArray();
            var wanted = Host(expected[result.Name]);
            if (actual.Length != wanted.Length)
                return double.PositiveInfinity;
            for (int i = 0; i < actual.Length; i++)
                worst = Math.Max(worst, Math.Abs(actual[i] - wanted[i]));
        }
        return worst;
    }

    static DenseTensor<float> ToOrt(Tensor x) => new(Host(x), x.shape.Select(d => (int)d).ToArray());

    static float[] Host(Tensor x)
    {
        using var scope = NewDisposeScope();
        return x.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
