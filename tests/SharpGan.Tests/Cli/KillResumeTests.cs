using SharpGan.Training;

namespace SharpGan.Tests.Cli;

/// <summary>
/// The suite's short form of scripts/kill-torture.sh: a deterministic run killed with SIGKILL up to five times (at
/// least three, should a fast machine finish first) — every other kill while a checkpoint is being written — and
/// resumed after each ends bit-identical to one never interrupted, and every checkpoint left after every kill verifies.
/// </summary>
public class KillResumeTests
{
    const int Epochs = 100;

    static string[] Args(string data, string run) =>
    [
        "train", "--data", data, "--out", run, "--epochs", Epochs.ToString(), "--size", "32", "--seed", "4",
        "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=2", "--set", "train.checkpoint_every=1",
        "--set", "train.deterministic=true", "--set", "output.gif=false", "--set", "output.tensor_board=false",
    ];

    static IEnumerable<(string, long, string)> Weights(string run) =>
        Checkpoint.Read(RunCheckpoints.LastOf(run)).Entries.Where(e => e.Name.EndsWith(".bin", StringComparison.Ordinal));

    [Fact]
    public void Killed_again_and_again_and_resumed_it_ends_bit_identical_with_no_damaged_checkpoint()
    {
        using var dir = new TempDir();
        var data = Repo.Fixture("tiny");
        Assert.Equal(0, CliProcess.Run(Args(data, dir["reference"])).Exit);

        var run = dir["killed"];
        var temp = RunCheckpoints.LastOf(run) + ".tmp";
        var random = new Random(17);
        int writesHit = 0;
        // A life resumes when a checkpoint exists; a kill may come before the first one is written.
        string[] Life() => File.Exists(RunCheckpoints.LastOf(run)) || File.Exists(RunCheckpoints.PreviousOf(run))
            ? ["train", "--resume", run]
            : [.. Args(data, run), "--overwrite"];
        int kills = 0, lives = 0;
        bool finished = false;
        while (kills < 5 && !finished && lives++ < 15)
        {
            var started = DateTime.UtcNow;
            using var life = CliProcess.Start(Life());
            if (kills % 2 == 1)
                while (!life.HasExited && !(File.Exists(temp) && File.GetLastWriteTimeUtc(temp) >= started)) Thread.Sleep(1);
            else
                life.WaitForExit(1500 + random.Next(1500));
            if (life.HasExited)   // a fast machine may finish the run before the kill: that life just counts as one
            {
                Assert.Equal(0, life.ExitCode);
                finished = Checkpoint.Read(RunCheckpoints.LastOf(run)).State.History.Count == Epochs;
                continue;
            }
            if (File.Exists(temp) && File.GetLastWriteTimeUtc(temp) >= started) writesHit++;
            life.Kill();   // SIGKILL: no handler runs, no checkpoint is written on the way out
            life.WaitForExit();
            kills++;
            foreach (var file in new[] { RunCheckpoints.LastOf(run), RunCheckpoints.PreviousOf(run) }.Where(File.Exists))
                Checkpoint.Read(file);   // throws DamagedCheckpointException if the kill left a bad one
        }
        Assert.True(kills >= 3, $"only {kills} kills landed before the run finished");
        Assert.True(writesHit >= 1, "no kill landed in a checkpoint write");
        if (!finished)
        {
            var (exit, output) = CliProcess.Run(Life());
            Assert.True(exit == 0, output);
        }

        Assert.Equal(Weights(dir["reference"]), Weights(run));
        Assert.Equal(Checkpoint.Read(RunCheckpoints.LastOf(dir["reference"])).State.Step, Checkpoint.Read(RunCheckpoints.LastOf(run)).State.Step);
    }
}
