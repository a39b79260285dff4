using System.CommandLine;
using SharpGan.Compute;

namespace SharpGan.Cli.Commands;

/// <summary><c>--device auto | cpu | cuda</c>, the one option sample, eval, translate and studio share: libtorch's
/// device for a checkpoint (<see cref="ComputeDevice"/>), ONNX Runtime's provider for an export (<see cref="Onnx.OnnxDevice"/>).</summary>
static class DeviceOption
{
    public static Option<string> Create() => new("--device")
    {
        Description = "auto, cpu or cuda: where the generator computes (auto: CUDA where this build has it and a GPU is visible)",
        DefaultValueFactory = _ => "auto",
    };

    public static TorchSharp.torch.Device Torch(string mode) => ComputeDevice.Resolve(mode, "--device");
}
