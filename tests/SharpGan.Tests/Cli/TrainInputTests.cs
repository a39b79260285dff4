using System.Security.Cryptography;
using SharpGan.Tests.Data;

namespace SharpGan.Tests.Cli;

/// <summary>What <c>sharpgan train</c> says about bad inputs: a line per unusable file while the rest trains, one error
/// line for a broken config, and an earlier run left as it was.</summary>
public class TrainInputTests
{
    static readonly string[] Small = ["--size", "32", "--epochs", "1", "--set", "model.ngf=8", "--set", "model.ndf=8",
        "--set", "output.tensor_board=false", "--set", "output.gif=false"];

    [Fact]
    public async Task Unusable_files_are_reported_the_rest_trains_and_a_broken_config_leaves_the_run_alone()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["data"]);
        foreach (var name in new[] { "google-rose.png", "google-tulip.png", "twitter-rose.png", "twitter-tulip.png" })
            File.Copy(Repo.Fixture("tiny", name), dir[$"data/{name}"]);
        SpecialFiles.Fifo(dir["data/x.png"]);
        SpecialFiles.DanglingLink(dir["data/gone.png"]);
        File.Copy(Repo.Fixture("messy", "one-pixel.png"), dir["data/one-pixel.png"]);

        var (exit, text) = await SpecialFiles.Within(() => CliOutput.Run(["train", "--data", dir["data"], "--out", dir["run"], .. Small]));

        Assert.Equal(0, exit);
        Assert.Contains($"skipped {dir["data/gone.png"]}: dangling symbolic link\n", text);
        Assert.Contains($"skipped {dir["data/x.png"]}: not a regular file (FIFO)\n", text);
        Assert.Contains("1 image(s) smaller than 32 px upscaled (smallest: one-pixel.png, 1×1)\n", text);
        var checkpoint = dir["run/checkpoints/last.ckpt"];
        var before = SHA256.HashData(File.ReadAllBytes(checkpoint));

        File.WriteAllText(dir["bad.yaml"], "train:\n  lr_g: [0.1\n  epochs: 3\n");
        (exit, text) = await CliOutput.Run("train", "--config", dir["bad.yaml"], "--data", dir["data"], "--out", dir["run"]);
        Assert.Equal((2, $"error: {dir["bad.yaml"]}:3:3: cannot read the value here (is a '[', '{{' or quote above left open?)\n"), (exit, text));
        (exit, text) = await CliOutput.Run("train", "--data", dir["data"], "--out", dir["run"], "--set", "train.epochs=abc");
        Assert.Equal((2, "error: --set train.epochs=abc: 'abc' is not an integer\n"), (exit, text));

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(checkpoint)));
    }
}
