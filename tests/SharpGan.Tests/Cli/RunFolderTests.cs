using System.Security.Cryptography;
using SharpGan.Cli;
using SharpGan.Reporting;
using SharpGan.Training;

namespace SharpGan.Tests.Cli;

/// <summary>A run folder belongs to one run: resuming a copy trains into the copy, and a fresh run never replaces another silently.</summary>
public class RunFolderTests
{
    static string[] Tiny(string run, int epochs, string? data = null) =>
    [
        "train", "--data", data ?? Repo.Fixture("tiny"), "--out", run, "--epochs", epochs.ToString(), "--size", "32", "--seed", "5",
        "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "train.checkpoint_every=1",
        "--set", "output.gif=false", "--set", "output.tensor_board=false", "--set", "train.deterministic=true",
    ];

    static Dictionary<string, string> Digests(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Resuming_a_copied_run_trains_into_the_copy_and_leaves_the_original_byte_identical()
    {
        using var dir = new TempDir();
        var original = dir["a"];
        Assert.Equal(0, await SharpGanCli.Build().Parse(Tiny(original, 2)).InvokeAsync());
        var copy = dir["b"];
        CopyFolder(original, copy);
        var before = Digests(original);

        Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--resume", copy, "--epochs", "3"]).InvokeAsync());

        Assert.Equal(before, Digests(original));
        Assert.Equal(3, RunCheckpoints.Load(copy).State.History.Count);
        Assert.True(File.Exists(Path.Combine(copy, "samples", SampleGridSink.FileName(3))));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(copy, "metrics.csv")).Length);   // header + 3 epochs
    }

    [Fact]
    public void A_fresh_train_into_a_folder_holding_a_run_refuses_and_names_the_ways_on()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Assert.Equal(0, CliProcess.Run(Tiny(run, 2)).Exit);
        var before = Digests(run);

        var (exit, output) = CliProcess.Run(Tiny(run, 1));

        Assert.Equal(2, exit);
        Assert.Contains($"output.dir '{run}' already holds a run", output);
        Assert.Contains($"--resume {run}", output);
        Assert.Contains("--overwrite", output);
        CliProcess.AssertNoStackTrace(output);
        Assert.Equal(before, Digests(run));

        // Resuming it continues its own config, and a switch that would change it is named.
        (exit, output) = CliProcess.Run(["train", "--resume", run, "--size", "64"]);
        Assert.Equal(2, exit);
        Assert.Contains("so model.image_size=64 cannot apply", output);
        Assert.Equal(before, Digests(run));
    }

    [Fact]
    public async Task A_folder_with_a_users_files_by_a_runs_names_is_not_written_over()
    {
        using var dir = new TempDir();
        var folder = dir["mine"];
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), "my own numbers\n");

        var (exit, text) = await CliOutput.Run(Tiny(folder, 1));

        Assert.Equal(2, exit);
        Assert.EndsWith($"error: output.dir '{folder}' already holds metrics.csv, which a run writes: train into a new --out, or pass --overwrite to replace them\n", text);
        Assert.Equal("my own numbers\n", File.ReadAllText(Path.Combine(folder, "metrics.csv")));
    }

    [Fact]
    public async Task A_run_that_stopped_before_its_first_checkpoint_is_offered_overwrite_not_resume()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, RunFolder.ConfigFile), "{}");
        File.WriteAllText(Path.Combine(run, RunFolder.LogFile), "started\n");

        var (exit, text) = await CliOutput.Run(Tiny(run, 1));

        Assert.Equal(2, exit);
        Assert.EndsWith($"\nerror: output.dir '{run}' holds a run that stopped before its first checkpoint: pass --overwrite to start it again, or train into a new --out\n", text);
        Assert.Equal(0, await SharpGanCli.Build().Parse([.. Tiny(run, 1), "--overwrite"]).InvokeAsync());
    }

    [Fact]
    public async Task Overwrite_replaces_the_old_run_without_leaving_its_files_behind()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Assert.Equal(0, await SharpGanCli.Build().Parse(Tiny(run, 3)).InvokeAsync());
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");
        File.Copy(Path.Combine(run, "samples", SampleGridSink.FileName(2)), Path.Combine(run, "samples", "my-favourite.png"));
        File.WriteAllText(Path.Combine(run, "checkpoints", "which-was-best.txt"), "epoch 2");

        Assert.Equal(0, await SharpGanCli.Build().Parse([.. Tiny(run, 1), "--overwrite"]).InvokeAsync());

        Assert.Equal([SampleGridSink.FileName(1), "my-favourite.png"], Directory.GetFiles(Path.Combine(run, "samples")).Select(Path.GetFileName).Order());
        Assert.Equal("epoch 2", File.ReadAllText(Path.Combine(run, "checkpoints", "which-was-best.txt")));   // the user's, in a run's folder
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        Assert.Single(RunCheckpoints.Load(run).State.History);
        Assert.False(File.Exists(RunCheckpoints.PreviousOf(run)));   // the old run's previous checkpoint went too
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));   // not a run's file: kept
    }

    [Fact]
    public void A_run_that_fails_to_start_with_overwrite_loses_nothing()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Assert.Equal(0, CliProcess.Run(Tiny(run, 1)).Exit);
        var before = Digests(run);

        var (exit, output) = CliProcess.Run([.. Tiny(run, 1, data: dir["no-such-folder"]), "--overwrite"]);

        Assert.Equal(2, exit);
        Assert.Contains("no-such-folder", output);
        Assert.Equal(before, Digests(run));

        // A backbone that does not load fails the run before the old one is cleared, and a fresh run before its first file.
        File.WriteAllText(dir["notes.txt"], "not a backbone");
        (exit, output) = CliProcess.Run([.. Tiny(run, 1), "--overwrite", "--eval-every", "1", "--eval-backbone", dir["notes.txt"]]);
        Assert.Equal(2, exit);
        Assert.Contains(dir["notes.txt"], output);
        Assert.Equal(before, Digests(run));
        (exit, _) = CliProcess.Run([.. Tiny(dir["fresh"], 1), "--eval-every", "1", "--eval-backbone", dir["notes.txt"]]);
        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(dir["fresh"]) && Directory.EnumerateFileSystemEntries(dir["fresh"]).Any());
    }

    [Fact]
    public async Task Overwrite_also_removes_what_a_switched_off_sink_wrote_before()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Assert.Equal(0, await SharpGanCli.Build().Parse([.. Tiny(run, 1), "--set", "output.gif=true"]).InvokeAsync());
        Assert.True(File.Exists(Path.Combine(run, "training.gif")));

        Assert.Equal(0, await SharpGanCli.Build().Parse([.. Tiny(run, 1), "--overwrite"]).InvokeAsync());   // this run makes no GIF

        Assert.False(File.Exists(Path.Combine(run, "training.gif")));
    }

    [Fact]
    public async Task A_run_folder_inside_its_data_is_refused()
    {
        using var dir = new TempDir();
        var data = TinyCopy.In(dir);
        var (exit, text) = await CliOutput.Run(Tiny(Path.Combine(data, "run"), 1, data));

        Assert.Equal(2, exit);
        Assert.Contains($"error: output.dir '{Path.Combine(data, "run")}' lies inside data.path '{data}': the run's grids and plots would be read back as training pictures", text);
        Assert.False(Directory.Exists(Path.Combine(data, "run")));
    }

    [Fact]
    public async Task A_run_whose_data_moved_resumes_with_data()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        var data = TinyCopy.In(dir);
        Assert.Equal(0, await SharpGanCli.Build().Parse(Tiny(run, 1, data)).InvokeAsync());
        Directory.Move(data, dir["moved"]);

        var (exit, text) = await CliOutput.Run("train", "--resume", run, "--epochs", "2");
        Assert.Equal(2, exit);
        Assert.Contains($"error: data.path '{data}' of the run is not there from ", text);
        Assert.Contains(": pass --data with where its pictures are now", text);

        Assert.Equal(0, (await CliOutput.Run("train", "--resume", run, "--epochs", "2", "--data", dir["moved"])).Exit);
        Assert.Equal(2, RunCheckpoints.Load(run).State.History.Count);
    }
}
