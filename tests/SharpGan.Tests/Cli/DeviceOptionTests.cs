using SharpGan.Onnx;

namespace SharpGan.Tests.Cli;

/// <summary>
/// <c>--device</c> on sample, eval, translate and studio, and <c>train.device</c>: cpu works, cuda on this CPU build
/// is one line naming what to build or reference instead, and nothing is written.
/// </summary>
public class DeviceOptionTests(ExportCommandTests.Run run) : IClassFixture<ExportCommandTests.Run>
{
    [Fact]
    public async Task Sample_on_the_cpu_device_writes_its_pictures_and_says_where_it_computed()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", run.Folder, "--device", "cpu", "-n", "2", "--out", dir["out"]);
        Assert.Equal(0, exit);
        Assert.Contains("device cpu;", text);
        Assert.Equal(2, Directory.GetFiles(dir["out"], "*.png").Length);
    }

    [Fact]
    public async Task Cuda_on_this_build_is_one_line_for_every_command_and_writes_nothing()
    {
        using var dir = new TempDir();
        string torch = "error: --device = cuda: this SharpGan is built on libtorch's CPU package, which has no CUDA; build it with -p:SharpGanTorch=cuda";
        string onnx = "error: --device = cuda: this ONNX Runtime (Microsoft.ML.OnnxRuntime, CPU) has no CUDA provider; reference Microsoft.ML.OnnxRuntime.Gpu";
        Assert.Equal(0, (await CliOutput.Run("export", run.Folder, "--out", dir["export"])).Exit);
        var cases = new (string[] Args, string Message)[]
        {
            (["sample", "--checkpoint", run.Folder, "--device", "cuda", "-n", "2", "--out", dir["sample"]], torch),
            (["sample", "--onnx", dir["export"], "--device", "cuda", "-n", "2", "--out", dir["onnx"]], onnx),
            (["eval", "--checkpoint", run.Folder, "--real", Repo.Fixture("tiny"), "--backbone", "nsfwjs-mobilenet-v2/pool", "--device", "cuda"], torch),
            (["studio", run.Folder, "--device", "cuda"], onnx),
            (["train", "--data", Repo.Fixture("tiny"), "--out", dir["train"], "--set", "train.device=cuda"], torch.Replace("--device", "train.device")),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, text) = await CliOutput.Run(args);
            Assert.Equal(2, exit);
            var error = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
            Assert.StartsWith(message, error);
        }
        Assert.Equal(["export"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Onnx_auto_takes_the_cuda_provider_only_where_the_runtime_has_it()
    {
        Assert.Null(OnnxDevice.Options("auto", "--device", cudaAvailable: false));
        Assert.Null(OnnxDevice.Options("cpu", "--device", cudaAvailable: true));
        Assert.Null(OnnxDevice.Options("auto"));   // Microsoft.ML.OnnxRuntime is the CPU package
        var e = Assert.Throws<ArgumentException>(() => OnnxDevice.Options("gpu", "--device", cudaAvailable: false));
        Assert.Equal("--device = 'gpu': allowed auto, cpu, cuda", e.Message);
    }
}
