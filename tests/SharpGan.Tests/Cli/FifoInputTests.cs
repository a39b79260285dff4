using SharpGan.Tests.Data;

namespace SharpGan.Tests.Cli;

/// <summary>A FIFO named where a command reads a file is refused by its type in one line: opened, it would block the
/// command for ever (no writer ever comes).</summary>
public class FifoInputTests
{
    [Fact]
    public async Task A_backbone_weights_export_or_labels_file_that_is_a_FIFO_is_named_not_waited_on()
    {
        using var dir = new TempDir();
        var tiny = Repo.Fixture("tiny");
        Directory.CreateDirectory(dir["export"]);
        var cases = new (string[] Args, string Error)[]
        {
            (["eval", "--checkpoint", Repo.Fixture("checkpoints", "format1-dense-dcgan.ckpt"), "-n", "8", "--real", tiny,
                "--backbone", SpecialFiles.Fifo(dir["fifo.sgb"]), "--out", dir["e.json"]],
                $"backbone '{dir["fifo.sgb"]}': not a regular file (FIFO)"),
            (["segment", "predict", "--model", SpecialFiles.Fifo(dir["fifo.safetensors"]), "--in", tiny, "--out", dir["masks"]],
                $"weights file '{dir["fifo.safetensors"]}': not a regular file (FIFO)"),
            (["sample", "--onnx", dir["export"], "--out", dir["s.png"]],
                $"{SpecialFiles.Fifo(dir["export/generator.json"])}: not a regular file (FIFO)"),
            (["train", "--data", tiny, "--out", dir["run"], "--epochs", "1", "--set", "data.labels=csv",
                "--set", $"data.labels_file={SpecialFiles.Fifo(dir["labels.csv"])}"],
                $"data.labels_file = '{dir["labels.csv"]}': not a regular file (FIFO)"),
        };
        foreach (var (args, error) in cases)
        {
            var (exit, text) = await SpecialFiles.Within(() => CliOutput.Run(args));
            Assert.Equal(2, exit);
            Assert.EndsWith($"error: {error}\n", text);
        }
        Assert.False(Directory.Exists(dir["run"]));
        Assert.False(File.Exists(dir["e.json"]) || File.Exists(dir["s.png"]) || Directory.Exists(dir["masks"]));
    }
}
