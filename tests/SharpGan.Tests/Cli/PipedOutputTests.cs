using System.Text.RegularExpressions;

namespace SharpGan.Tests.Cli;

/// <summary>What <c>sharpgan</c> prints into a pipe or a log file (a child process whose stdout is redirected):
/// lines as long as they are, one line per epoch, and help that names the command a user types.</summary>
public class PipedOutputTests
{
    [Fact]
    public void A_long_error_message_arrives_on_one_line()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, new string('a', 60), new string('b', 60), "no-such-run");
        var (exit, output) = CliProcess.Run(["info", missing]);
        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(missing, line);
        Assert.True(line.Length > 150, line);
    }

    [Fact]
    public void Training_prints_one_whole_line_per_epoch()
    {
        using var dir = new TempDir();
        var (exit, output) = CliProcess.Run(
        [
            "train", "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--epochs", "3", "--size", "32", "--seed", "5",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4",
            "--set", "output.gif=false", "--set", "output.tensor_board=false",
        ]);
        Assert.True(exit == 0, output);
        var epochs = output.Split('\n').Where(l => l.Contains("Loss_D")).ToList();
        Assert.Equal(3, epochs.Count);
        for (int e = 0; e < 3; e++)
            Assert.Matches($@"^\[\s+{e + 1}\] Loss_D -?[\d.]+  Loss_G -?[\d.]+  D\(x\) [\d.]+  D\(G\(z\)\) [\d.]+  D acc \d+ %  [\d.]+s\r?$", epochs[e]);
        Assert.DoesNotContain('\u001b', output);   // no live progress bar drawn into the log
    }

    [Theory]
    [InlineData("--help", "sharpgan [command] [options]")]
    [InlineData("data --help", "sharpgan data [command] [options]")]
    [InlineData("data pairs --help", "sharpgan data pairs <in> <out> [options]")]
    public void Help_names_the_command_a_user_types(string args, string usage)
    {
        var (exit, output) = CliProcess.Run(args.Split(' '));
        Assert.Equal(0, exit);
        Assert.Matches($@"(?m)^  {Regex.Escape(usage)}\r?$", output);
        Assert.DoesNotContain("SharpGan.Cli", output);
    }

    [Fact]
    public void Data_help_names_every_tool()
    {
        var (_, output) = CliProcess.Run(["data", "--help"]);
        var description = output.Split('\n')[1];
        foreach (var tool in new[] { "prepare", "augment", "pairs", "composite" })
        {
            Assert.Matches($@"(?m)^  {tool} ", output);
            Assert.Contains(tool == "pairs" ? "pix2pix pairs" : tool, description);
        }
    }
}
