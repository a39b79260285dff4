using System.CommandLine;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>A <c>--checkpoint</c> (run folder or file) as every reading command takes it: the newest intact
/// checkpoint, with a yellow line when it had to fall back to the previous one.</summary>
static class CheckpointArgument
{
    /// <summary>Read the run's <c>checkpoints/best.ckpt</c>, the epoch its training evaluation scored best, instead of its last.</summary>
    public static Option<bool> BestOption() => new("--best") { Description = "Use the run's best checkpoint (kept when training evaluates: eval.every) instead of its last" };

    public static Checkpoint Load(string runOrFile, bool best)
    {
        if (!best) return Load(runOrFile);
        var checkpoint = RunCheckpoints.LoadBest(runOrFile);
        AnsiConsole.MarkupLineInterpolated($"[grey]best checkpoint: epoch {checkpoint.State.History.Count}[/]");
        return checkpoint;
    }

    public static Checkpoint Load(string runOrFile)
    {
        var checkpoint = RunCheckpoints.Load(runOrFile);
        if (checkpoint.Notice is { } notice) AnsiConsole.MarkupLineInterpolated($"[yellow]{notice}[/]");
        return checkpoint;
    }
}
