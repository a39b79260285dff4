using System.CommandLine;
using SharpGan.Cli.Commands;

namespace SharpGan.Cli;

/// <summary>The <c>sharpgan</c> command tree; Program runs it, tests invoke it in-process.</summary>
public static class SharpGanCli
{
    public static RootCommand Build() => ToolName.Apply(new("SharpGan: train GANs on a folder of images, then sample, inspect and benchmark them.")
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
    });
}
