using System.CommandLine;
using SharpGan.Cli.Commands;
using SharpGan.Native;
using Spectre.Console;

namespace SharpGan.Cli;

/// <summary>The <c>sharpgan</c> command tree; Program runs it, tests invoke it in-process.</summary>
public static class SharpGanCli
{
    /// <summary>Runs one command line as the tool does: a command line that does not parse gets
    /// <see cref="ParseErrors"/>' one-line report and exit code 2.</summary>
    public static Task<int> InvokeAsync(string[] args, InvocationConfiguration? invocation = null)
    {
        // Before any tensor: every command computes faster when freed memory is not paged in again (NativeHeap).
        if (NativeHeap.KeepFreedMemory() is { } heapProblem)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {heapProblem}");
            return Task.FromResult(2);
        }
        var parse = Build().Parse(args);
        CliErrors.Verbose = parse.GetValue(CliErrors.VerboseOption);
        return ParseErrors.Failed(parse) ? Task.FromResult(ParseErrors.Report(parse)) : parse.InvokeAsync(invocation);
    }

    public static RootCommand Build() => ToolName.Apply(FiniteNumbers.Require(new RootCommand("SharpGan: train GANs on a folder of images, then sample, inspect and benchmark them.")
    {
        CliErrors.VerboseOption,
        TrainCommand.Create(),
        SampleCommand.Create(),
        InfoCommand.Create(),
        BenchCommand.Create(),
        DataCommand.Create(),
        CompareCommand.Create(),
        EvalCommand.Create(),
        PretrainedCommand.Create(),
        SegmentCommand.Create(),
        TranslateCommand.Create(),
        ExportCommand.Create(),
        StyleCommand.Create(),
        StudioCommand.Create(),
    }));
}
