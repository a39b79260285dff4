using System.Reflection;
using SharpGan.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>
/// Where a run's tensors live: <c>train.device</c> (and <c>--device</c> on sample, eval and studio) — auto, cpu or
/// cuda. The networks are moved there once; everything a step makes follows them (batches are moved on arrival,
/// noise is drawn on the CPU from the seed and moved, so a seed gives the same noise on any device; every other
/// tensor is made on its input's device). Which devices exist is fixed at build time by the libtorch package:
/// <c>-p:SharpGanTorch=cpu</c> (the default) or <c>cuda</c> (src/SharpGan/SharpGan.csproj, docs/performance.md).
/// </summary>
public static class ComputeDevice
{
    public static readonly string[] Modes = ["auto", "cpu", "cuda"];

    /// <summary>The libtorch this library was built against: the build's SharpGanTorch property (cpu or cuda).</summary>
    public static string BuiltWith { get; } = typeof(ComputeDevice).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "SharpGanTorch")?.Value ?? "cpu";

    /// <summary>
    /// The device <paramref name="mode"/> names (auto: CUDA when this build has it and a GPU is visible, else the
    /// CPU). <c>cuda</c> without CUDA fails here, before anything is loaded or written, naming what to change;
    /// <paramref name="key"/> is how the user set it (<c>train.device</c> or <c>--device</c>).
    /// </summary>
    public static Device Resolve(string mode, string key, bool cudaAvailable) => mode switch
    {
        "cpu" => CPU,
        "auto" => cudaAvailable ? Cuda : CPU,
        "cuda" when cudaAvailable => Cuda,
        "cuda" when BuiltWith == "cpu" =>
            throw new ConfigException($"{key} = cuda: this SharpGan is built on libtorch's CPU package, which has no CUDA; "
                + "build it with -p:SharpGanTorch=cuda (libtorch-cuda-12.8 for linux-x64 or win-x64, an NVIDIA driver for CUDA 12.8) or use cpu"),
        "cuda" => throw new ConfigException($"{key} = cuda: this build has CUDA but libtorch sees no GPU (driver missing or no device visible); use cpu or auto"),
        _ => throw new ConfigException($"{key} = '{mode}': allowed {string.Join(", ", Modes)}"),
    };

    /// <summary><see cref="Resolve(string, string, bool)"/> on this machine.</summary>
    public static Device Resolve(string mode, string key) => Resolve(mode, key, cuda.is_available());

    /// <summary>The first GPU; made, not taken from torch.CUDA, which initialises CUDA as it is read.</summary>
    static Device Cuda => new(DeviceType.CUDA, 0);

    /// <summary>The same device (TorchSharp's Device compares by reference; the CPU has one, whatever its index).</summary>
    public static bool Same(Device a, Device b) => a.type == b.type && (a.type == DeviceType.CPU || a.index == b.index);

    /// <summary>Where a network computes: the device of its parameters (the CPU for one without any).</summary>
    public static Device Of(nn.Module network) => network.parameters().FirstOrDefault()?.device ?? CPU;
}
