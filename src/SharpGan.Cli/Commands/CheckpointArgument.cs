using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>A <c>--checkpoint</c> (run folder or file) as every reading command takes it: the newest intact
/// checkpoint, with a yellow line when it had to fall back to the previous one.</summary>
static class CheckpointArgument
{
    public static Checkpoint Load(string runOrFile)
    {
        var checkpoint = RunCheckpoints.Load(runOrFile);
        if (checkpoint.Notice is { } notice) AnsiConsole.MarkupLineInterpolated($"[yellow]{notice}[/]");
        return checkpoint;
    }
}
