using SharpGan.Cli.Commands;
using SharpGan.DataTools;

namespace SharpGan.Tests.Cli;

/// <summary>
/// No command writes over a file that is already there unless given --overwrite, and none starts its work where it
/// cannot write: the refusal comes first, in one line, and the file is left as it was.
/// </summary>
public class OutputFilesTests
{
    static readonly string Checkpoint = Repo.Fixture("checkpoints/format1-dcgan-ema.ckpt");

    [Fact]
    public async Task A_grid_is_not_written_over_an_earlier_one_unless_asked()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliOutput.Run("sample", "--checkpoint", Checkpoint, "-n", "4", "--grid", "--out", dir["grid.png"], "--seed", "1")).Exit);
        var first = File.ReadAllBytes(dir["grid.png"]);

        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", Checkpoint, "-n", "4", "--grid", "--out", dir["grid.png"], "--seed", "2");
        Assert.Equal(2, exit);
        Assert.Contains($"error: --out: {dir["grid.png"]} already exists; pass --overwrite to replace it, or write elsewhere\n", text);
        Assert.Equal(first, File.ReadAllBytes(dir["grid.png"]));

        Assert.Equal(0, (await CliOutput.Run("sample", "--checkpoint", Checkpoint, "-n", "4", "--grid", "--out", dir["grid.png"], "--seed", "2", "--overwrite")).Exit);
        Assert.NotEqual(first, File.ReadAllBytes(dir["grid.png"]));
    }

    [Fact]
    public async Task Numbered_pictures_name_the_files_already_there_and_write_none()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await CliOutput.Run("sample", "--checkpoint", Checkpoint, "-n", "5", "--out", dir["out"])).Exit);
        File.WriteAllText(dir["out/notes.txt"], "mine");

        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", Checkpoint, "-n", "8", "--out", dir["out"], "--seed", "3");

        Assert.Equal(2, exit);
        Assert.Contains("sample_00000.png, ", text);
        Assert.Contains("and 2 more already exist; pass --overwrite to replace them", text);
        Assert.Equal(6, Directory.GetFiles(dir["out"]).Length);   // sample_00005.png … were not written either
    }

    [Fact]
    public async Task An_evaluation_report_is_refused_over_a_runs_config_before_the_work()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["config.json"], "{ \"train\": { \"epochs\": 3 } }");

        var (exit, text) = await CliOutput.Run("eval", "--real", Repo.Fixture("tiny"), "--fake", Repo.Fixture("tiny"),
            "--backbone", "no-such-backbone.sgb", "--out", dir["config.json"]);

        Assert.Equal(2, exit);   // refused before the backbone is even looked for
        Assert.Contains($"error: --out: {dir["config.json"]} already exists", text);
        Assert.Equal("{ \"train\": { \"epochs\": 3 } }", File.ReadAllText(dir["config.json"]));
    }

    [Theory]
    [InlineData("/proc/report.json", "--out: cannot write in /proc (it takes no new files)")]
    [InlineData("{0}/file/report.json", "--out: {0}/file is a file, where a folder is needed")]
    public async Task A_place_that_takes_no_files_is_refused_before_the_work(string output, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["file"], "");

        var (exit, text) = await CliOutput.Run("eval", "--real", Repo.Fixture("tiny"), "--fake", Repo.Fixture("tiny"),
            "--backbone", "no-such-backbone.sgb", "--out", string.Format(output, dir.Path));

        Assert.Equal(2, exit);
        Assert.Contains($"error: {string.Format(message, dir.Path)}\n", text);
    }

    [Fact]
    public async Task A_comparison_is_not_written_over_an_earlier_one()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["cmp"]);
        File.WriteAllText(dir["cmp/table.md"], "| my notes |");

        var (exit, text) = await CliOutput.Run("compare", dir["no-run"], "--out", dir["cmp"]);

        Assert.Equal(2, exit);   // refused before the runs are read
        Assert.Contains($"error: --out: {dir["cmp/table.md"]} already exists", text);
        Assert.Equal("| my notes |", File.ReadAllText(dir["cmp/table.md"]));
    }

    [Fact]
    public void Data_prepare_fills_only_a_new_empty_or_own_folder()
    {
        using var dir = new TempDir();
        var theirs = dir["theirs"];
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(theirs).FullName, "rose.png"), [1, 2, 3]);

        var refused = Assert.Throws<SharpGan.Data.DataException>(() => PrepareFolder.Run(Repo.Fixture("tiny"), theirs, new PrepareOptions(Size: 16)));
        Assert.Equal($"output folder '{theirs}' is not empty and holds no {PrepareFolder.ReportFile} from an earlier data prepare; give a new or empty folder", refused.Message);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(theirs, "rose.png")));

        var own = dir["prepared"];
        var first = PrepareFolder.Run(Repo.Fixture("tiny"), own, new PrepareOptions(Size: 16));
        var again = PrepareFolder.Run(Repo.Fixture("tiny"), own, new PrepareOptions(Size: 24));   // its own folder: replaced
        Assert.Equal(first.Count, again.Count);
    }

    [Fact]
    public void Two_outputs_of_one_name_a_name_ending_in_a_slash_and_an_unexpanded_home_are_refused()
    {
        using var dir = new TempDir();
        var shared = Assert.Throws<ArgumentException>(() => OutputFiles.Claim("--out", [dir["a.png"], dir["sub/../a.png"]], overwrite: true));
        Assert.StartsWith($"--out: two outputs would both be written to {dir["a.png"]}", shared.Message);

        var slash = Assert.Throws<ArgumentException>(() => OutputFiles.Claim("--out", dir.Path + "/report/", overwrite: false));
        Assert.Equal($"--out {dir.Path}/report/: ends in '/', a folder, where a file name is needed", slash.Message);

        var home = Assert.Throws<ArgumentException>(() => OutputFiles.CheckFolder("--out", "~/runs/a"));
        Assert.StartsWith("--out ~/runs/a: '~' is expanded by the shell only when unquoted", home.Message);
    }

    [Fact]
    public async Task Ctrl_C_is_an_interruption_not_a_bug()
    {
        int exit = await CliErrors.Run(() => Task.FromException<int>(new OperationCanceledException()));
        Assert.Equal(CliErrors.Interrupted, exit);
    }

    [Fact]
    public void An_output_that_is_one_of_the_commands_inputs_is_refused_even_with_overwrite()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["result.png"], "the content picture");
        var e = Assert.Throws<ArgumentException>(() => OutputFiles.Claim("--out", [dir["result.png"]], overwrite: true, inputs: [dir["result.png"]]));
        Assert.Equal($"--out: {dir["result.png"]} is a picture this command reads; write elsewhere", e.Message);
    }

    [Fact]
    public async Task An_evaluation_of_too_few_pictures_names_the_folder_before_the_work()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["three"]);
        foreach (var name in Directory.GetFiles(Repo.Fixture("tiny")).Take(3)) File.Copy(name, Path.Combine(dir["three"], Path.GetFileName(name)));

        using (var net = new SharpGan.Metrics.DomainBackbone(new SharpGan.Metrics.DomainClassifier(16, 2),
            new SharpGan.Metrics.DomainBackboneInfo("untrained", 16, 128, ["a", "b"], 0, 0, 0, new Dictionary<string, double>(), 0, 0)))
            net.Save(dir["untrained.sgb"]);

        var (exit, text) = await CliOutput.Run("eval", "--real", Repo.Fixture("tiny"), "--fake", dir["three"], "--backbone", dir["untrained.sgb"]);

        Assert.Equal(2, exit);
        Assert.Contains($"error: --fake {dir["three"]}: 3 usable picture(s); the metrics need at least 4 (precision and recall compare each with its 3 nearest)\n", text);
    }
}
