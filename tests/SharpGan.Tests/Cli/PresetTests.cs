using SharpGan.Cli;
using SharpGan.Config;

namespace SharpGan.Tests.Cli;

/// <summary>Every preset in configs/ binds and trains one epoch on the tiny set (shrunk to 32 px, 8 filters).</summary>
public class PresetTests
{
    public static TheoryData<string> Presets() =>
        new(Directory.GetFiles(Repo.Path("configs"), "*.yaml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Preset_trains_one_epoch_and_writes_its_outputs(string preset)
    {
        using var dir = new TempDir();
        var file = Repo.Path("configs", preset);
        Assert.NotNull(ConfigLoader.Load(file, []));
        int exit = await SharpGanCli.Build().Parse([
            "train", "--config", file, "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--epochs", "1", "--size", "32",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "train.sample_count=4",
        ]).InvokeAsync();
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(dir["run"], "samples", "epoch_0001.png")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir["run"], "metrics.csv")).Length);
        Assert.True(File.Exists(Path.Combine(dir["run"], "training.gif")));
        Assert.True(File.Exists(Path.Combine(dir["run"], "checkpoints", "last.ckpt")));
    }
}
