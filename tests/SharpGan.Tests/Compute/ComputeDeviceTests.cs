using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Tests.Export;
using SharpGan.Tests.Training;
using SharpGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Compute;

/// <summary>
/// train.device: what each value resolves to, the refusal of cuda on this build, and — on libtorch's meta device,
/// where a tensor made anywhere else fails the first operation that meets it — that every tensor of a D and a G
/// phase follows the networks' device, for every kind × architecture that trains.
/// </summary>
public class ComputeDeviceTests
{
    [Fact]
    public void Auto_takes_cuda_only_where_it_is_available_and_cpu_is_always_the_cpu()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve("auto", "train.device", cudaAvailable: false).type);
        Assert.Equal(DeviceType.CUDA, ComputeDevice.Resolve("auto", "train.device", cudaAvailable: true).type);
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve("cpu", "train.device", cudaAvailable: true).type);
        Assert.Equal(DeviceType.CPU, ComputeDevice.Resolve("auto", "train.device").type);   // this build has no CUDA
        Assert.True(ComputeDevice.Same(CPU, new Device(DeviceType.CPU, 0)));
        Assert.False(ComputeDevice.Same(new Device(DeviceType.CUDA, 0), new Device(DeviceType.CUDA, 1)));
    }

    [Fact]
    public void Cuda_on_the_cpu_build_fails_naming_the_build_property()
    {
        Assert.Equal("cpu", ComputeDevice.BuiltWith);
        var e = Assert.Throws<ConfigException>(() => ComputeDevice.Resolve("cuda", "--device"));
        Assert.StartsWith("--device = cuda: this SharpGan is built on libtorch's CPU package", e.Message);
        Assert.Contains("-p:SharpGanTorch=cuda", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_run_asking_for_cuda_stops_before_it_reads_data_or_writes_anything()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"]) with { Data = new DataConfig { Path = dir["no-such-folder"] } };
        var e = Assert.Throws<ConfigException>(() => TrainingSession.Open(config with { Train = config.Train with { Device = "cuda" } }, []));
        Assert.StartsWith("train.device = cuda:", e.Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void An_unknown_device_is_one_line_naming_the_key()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"]);
        var e = Assert.Throws<ConfigException>(() => ConfigValidator.Validate(config with { Train = config.Train with { Device = "gpu" } }));
        Assert.Contains("train.device = 'gpu': allowed auto, cpu, cuda", e.Message);
    }

    public static TheoryData<string> Runs() => [.. GeneratorExportTests.Recipes.Keys];

    /// <summary>
    /// A D and a G phase of every kind × architecture, as the trainer sets them up on train.device, with every trick
    /// that makes tensors of its own inside the phases (R1 and R2, DiffAugment, ADA at p = 1, smoothed and flipped
    /// targets) where the kind takes it: the networks, the batch, the noise, the losses and the gradients are all on
    /// the run's device. Only the CPU can be checked here: libtorch's meta device has no convolutions, and no CUDA
    /// package is served to this project (docs/performance.md).
    /// </summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_tensor_of_a_step_is_on_the_runs_device(string name)
    {
        using var dir = new TempDir();
        var tiny = TinyRun.Config(dir["run"], epochs: 1);
        var config = GeneratorExportTests.Recipes[name](dir, tiny with { Train = tiny.Train with { Precision = "fp32", Layout = "nchw", Device = "cpu" } });
        string conditioning = config.Model.Conditioning;
        bool paired = conditioning is "pix2pix" or "mask", penalised = conditioning is not ("pix2pix" or "semi-supervised");
        bool targets = config.Train.Loss != "rpgan";
        config = config with
        {
            Tricks = config.Tricks with
            {
                R1Gamma = penalised ? 1 : 0, R2Gamma = penalised ? 1 : 0, DiffAugment = paired ? "" : "color,translation,cutout",
                LabelSmoothing = targets ? 0.1 : 0, LabelFlip = targets ? 0.1 : 0,
            },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using var _ = trainer;
        var (recipe, host) = trainer.Parts;
        using var scope = NewDisposeScope();
        recipe.DInput.AdaP = 1;
        var batch = host.ToBatch().To(trainer.Device);
        Assert.Same(batch, batch.To(trainer.Device));   // already there: nothing copied

        var d = recipe.DiscriminatorPhase(batch);
        var g = recipe.GeneratorPhase(batch);
        var noise = recipe.Noise(recipe.GridCount(4));
        var tiles = recipe.Grid(noise, recipe.Generate(noise)).Tiles;

        var device = trainer.Device.type;
        Assert.Equal(DeviceType.CPU, device);
        Assert.All(new[] { batch.Images, d.Loss, g.Loss, noise, tiles }, t => Assert.Equal(device, t.device.type));
        Assert.All(recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()), p => Assert.Equal(device, p.device.type));
        Assert.All(recipe.Generator.parameters().Where(p => p.grad is not null), p => Assert.Equal(device, p.grad!.device.type));
        Assert.True(float.IsFinite(d.Loss.item<float>()) && float.IsFinite(g.Loss.item<float>()));
    }
}
