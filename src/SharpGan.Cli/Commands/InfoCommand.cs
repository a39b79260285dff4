using System.CommandLine;
using SharpGan.Config;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan info</c>: a checkpoint's resolved config and where its training stands.</summary>
static class InfoCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("checkpoint") { Description = "Checkpoint file or run folder" };
        var command = new Command("info", "Show a checkpoint's config and training state") { path };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var checkpoint = CheckpointArgument.Load(parse.GetValue(path)!);
            var s = checkpoint.State;
            var table = new Table().AddColumns("", "");
            table.AddRow("checkpoint", Markup.Escape(checkpoint.Path));
            table.AddRow("epochs done", $"{s.History.Count} of {checkpoint.Config.Train.Epochs}");
            table.AddRow("steps", s.Step.ToString());
            if (checkpoint.Compute is { } compute) table.AddRow("computed in", Markup.Escape(compute));
            if (s.StepInEpoch > 0) table.AddRow("mid-epoch", $"epoch {s.Epoch}, step {s.StepInEpoch}");
            if (s.History.Count > 0)
            {
                var last = s.History[^1];
                table.AddRow("last epoch", Markup.Escape($"Loss_D {last.LossD:F4}  Loss_G {last.LossG:F4}  D(x) {last.DReal:F3}  D(G(z)) {last.DFake:F3}"));
            }
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine(ConfigLoader.ToJson(checkpoint.Config));
            return 0;
        }));
        return command;
    }
}
