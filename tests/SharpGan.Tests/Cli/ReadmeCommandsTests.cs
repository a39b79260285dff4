using System.Text;
using System.Text.RegularExpressions;
using SharpGan.Cli;
using SharpGan.Training;

namespace SharpGan.Tests.Cli;

/// <summary>
/// The README's commands, kept true: every <c>sharpgan …</c> line in its shell blocks parses under the real command
/// tree (no unknown command or option, no missing argument), and the quick start's training command runs as written
/// from the repository root, only shortened.
/// </summary>
public class ReadmeCommandsTests
{
    static readonly string Readme = File.ReadAllText(Repo.Path("README.md"));

    /// <summary>The sharpgan command lines of the README's ```sh blocks, continuations joined, comments dropped; each
    /// once (a command shown in two sections is one test case).</summary>
    public static IEnumerable<object[]> Commands() => CommandLines().Distinct().Select(command => new object[] { command });

    static IEnumerable<string> CommandLines()
    {
        foreach (Match block in Regex.Matches(Readme, @"```sh\n(.*?)```", RegexOptions.Singleline))
        {
            var lines = Regex.Replace(block.Groups[1].Value, @"\\\n\s*", " ").Split('\n');
            foreach (var line in lines)
            {
                var command = Regex.Replace(line, @"\s+#\s.*$", "").Trim();
                var prefix = command.StartsWith("sharpgan ", StringComparison.Ordinal) ? "sharpgan "
                    : command.StartsWith("dotnet run --project src/SharpGan.Cli -c Release -- ", StringComparison.Ordinal) ? "dotnet run --project src/SharpGan.Cli -c Release -- "
                    : null;
                if (prefix is not null) yield return command[prefix.Length..];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_in_the_README_parses(string command)
    {
        var parse = SharpGanCli.Build().Parse(Words(command));
        Assert.True(parse.Errors.Count == 0, $"sharpgan {command}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Fact]
    public void The_README_lists_commands()
    {
        Assert.True(Commands().Count() >= 35, $"only {Commands().Count()} commands found: has the README lost its shell blocks?");
        Assert.Contains(Commands(), c => (string)c[0] == "train");   // the main job, as the quick start writes it
    }

    [Fact]
    public async Task The_quick_start_training_runs_as_written_from_the_repository_root()
    {
        using var dir = new TempDir();
        var run = dir["first"];
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Repo.Root);   // the README's commands run from a clone's root (data/flowers is relative)
        try
        {
            Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--epochs", "2", "--out", run, "--set", "output.gif=false"]).InvokeAsync());
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
        Assert.Equal(2, RunCheckpoints.Load(run).State.History.Count);
        Assert.True(File.Exists(Path.Combine(run, "samples", "epoch_0002.png")));
    }

    /// <summary>Shell words: whitespace-separated, single or double quotes group (no escapes in the README).</summary>
    static string[] Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char quote = '\0';
        bool any = false;
        foreach (var c in command)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; else word.Append(c); }
            else if (c is '\'' or '"') { quote = c; any = true; }
            else if (char.IsWhiteSpace(c)) { if (word.Length > 0 || any) words.Add(word.ToString()); word.Clear(); any = false; }
            else word.Append(c);
        }
        if (word.Length > 0 || any) words.Add(word.ToString());
        return [.. words];
    }
}
