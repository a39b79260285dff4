using Microsoft.ML.OnnxRuntime;

namespace SharpGan.Onnx;

/// <summary>
/// <c>--device auto | cpu | cuda</c> for an exported generator: ONNX Runtime's CUDA execution provider where the
/// ONNX Runtime package in use has it (Microsoft.ML.OnnxRuntime.Gpu), else its CPU provider. Which providers exist
/// is a property of the native library, so it is asked, not assumed.
/// </summary>
public static class OnnxDevice
{
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>Session options for <paramref name="mode"/>: null for the CPU (ONNX Runtime's defaults), the CUDA
    /// provider on GPU 0 for cuda; <paramref name="key"/> names the setting in the message when cuda cannot be had.</summary>
    public static SessionOptions? Options(string mode, string key = "--device") =>
        Options(mode, key, OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider));

    internal static SessionOptions? Options(string mode, string key, bool cudaAvailable) => mode switch
    {
        "cpu" => null,
        "auto" => cudaAvailable ? Cuda() : null,
        "cuda" when cudaAvailable => Cuda(),
        "cuda" => throw new ArgumentException($"{key} = cuda: this ONNX Runtime (Microsoft.ML.OnnxRuntime, CPU) has no CUDA provider; "
            + "reference Microsoft.ML.OnnxRuntime.Gpu instead (and an NVIDIA driver with CUDA 12) or use cpu"),
        _ => throw new ArgumentException($"{key} = '{mode}': allowed auto, cpu, cuda"),
    };

    static SessionOptions Cuda()
    {
        var options = new SessionOptions();
        options.AppendExecutionProvider_CUDA(0);
        return options;
    }

    /// <summary>The provider a session computes with, in words, for the console.</summary>
    public static string Describe(SessionOptions? options) => options is null ? "cpu (ONNX Runtime CPU provider)" : "cuda (ONNX Runtime CUDA provider)";
}
