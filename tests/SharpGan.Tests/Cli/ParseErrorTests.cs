namespace SharpGan.Tests.Cli;

/// <summary>A command line that does not parse: one line per problem in a user's words, with the help to read, and
/// exit code 2 — no .NET type names and no page of help after it.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData("train --epochs abc", "error: --epochs abc: 'abc' is not an integer (see sharpgan train --help)")]
    [InlineData("train --epochs 1.5", "error: --epochs 1.5: '1.5' is not an integer (see sharpgan train --help)")]
    [InlineData("train --epochs 99999999999", "error: --epochs 99999999999: '99999999999' is out of range (at most 2,147,483,647) (see sharpgan train --help)")]
    [InlineData("train --minutes abc", "error: --minutes abc: 'abc' is not a number (see sharpgan train --help)")]
    [InlineData("train --minutes NaN", "error: --minutes NaN: 'NaN' is not a finite number (see sharpgan train --help)")]
    [InlineData("style --content a.png --style b.png --out o --lr Infinity", "error: --lr Infinity: 'Infinity' is not a finite number (see sharpgan style --help)")]
    [InlineData("bench --sizes 32 x", "error: --sizes x: 'x' is not an integer (see sharpgan bench --help)")]
    [InlineData("data prepare in out --mode bogus", "error: --mode bogus: 'bogus' is not one of crop, pad (see sharpgan data prepare --help)")]
    [InlineData("train --epoch 5", "error: unknown option '--epoch'; did you mean --epochs? (see sharpgan train --help)")]
    [InlineData("train -n 3", "error: unknown option '-n' (see sharpgan train --help)")]
    [InlineData("sampel -n 3", "error: unexpected word 'sampel'; did you mean sample? (see sharpgan --help)")]
    public async Task A_bad_command_line_gets_one_line_that_names_the_option_and_the_problem(string line, string expected)
    {
        var (exit, text) = await CliOutput.Run(line.Split(' '));

        Assert.Equal((2, expected + "\n"), (exit, text));
    }

    [Fact]
    public async Task Every_problem_gets_its_line()
    {
        var (exit, text) = await CliOutput.Run("sample", "--checkpoint");

        Assert.Equal(2, exit);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("'--checkpoint'", text);
        Assert.Contains("'--out' is required", text);
    }

    [Fact]
    public async Task Outputs_that_cannot_be_written_as_asked_are_refused_before_any_work()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["notes.txt"], "mine");

        var (exit, text) = await CliOutput.Run("train", "--data", Repo.Fixture("tiny"), "--out", dir["notes.txt"], "--epochs", "1");
        Assert.Equal((2, $"error: --out {dir["notes.txt"]}: is a file, not a folder (see sharpgan train --help)\n"), (exit, text));
        (exit, text) = await CliOutput.Run("eval", "--real", Repo.Fixture("tiny"), "--fake", Repo.Fixture("tiny"), "--backbone", "x.sgb", "--out", dir.Path);
        Assert.Equal((2, $"error: --out {dir.Path}: is a folder, not a file (see sharpgan eval --help)\n"), (exit, text));
        (exit, text) = await CliOutput.Run("sample", "--checkpoint", dir["no-run"], "-n", "100000000", "--out", dir["samples"]);
        Assert.Equal((2, "error: --count 100000000: 1 to 1,000,000\n"), (exit, text));
        Assert.False(Directory.Exists(dir["samples"]));
        (exit, text) = await CliOutput.Run("sample", "--checkpoint", dir["no-run"], "--grid", "--out", dir["notes.txt"]);
        Assert.Equal((2, $"error: --out {dir["notes.txt"]}: is a file, not a folder (a grid goes to a name ending in .png)\n"), (exit, text));
        Assert.Equal("mine", File.ReadAllText(dir["notes.txt"]));
    }

    [Fact]
    public void The_installed_tool_reports_the_same_way()
    {
        var (exit, output) = CliProcess.Run(["train", "--minutes", "abc"]);

        Assert.Equal((2, "error: --minutes abc: 'abc' is not a number (see sharpgan train --help)\n"), (exit, output));
    }

    [Fact]
    public void A_command_without_its_subcommand_shows_the_subcommands()
    {
        var (_, text) = CliProcess.Run(["data"]);

        Assert.Contains("prepare", text);
        Assert.Contains("augment", text);
    }
}
