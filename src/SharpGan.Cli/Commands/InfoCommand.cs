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
        var entries = new Option<bool>("--entries") { Description = "List every entry of the checkpoint with its size and SHA-256" };
        var command = new Command("info", "Show a checkpoint's config and training state, and whether a run's checkpoints are intact") { path, entries };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var target = parse.GetValue(path)!;
            if (Directory.Exists(target)) Verify(target);
            var checkpoint = CheckpointArgument.Load(target);
            if (parse.GetValue(entries))
            {
                var listing = new Table().AddColumns("entry", "bytes", "sha256");
                foreach (var (name, bytes, sha256) in checkpoint.Entries) listing.AddRow(name, bytes.ToString(), sha256);
                AnsiConsole.Write(listing);
                return 0;
            }
            var s = checkpoint.State;
            var table = new Table().AddColumns("", "").HideHeaders();
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

    /// <summary>One line per checkpoint file of a run: intact (with where it stands) or damaged (with what failed).</summary>
    static void Verify(string run)
    {
        foreach (var file in new[] { RunCheckpoints.LastOf(run), RunCheckpoints.PreviousOf(run), RunCheckpoints.BestOf(run) }.Where(File.Exists))
        {
            var name = Path.GetRelativePath(run, file);
            try
            {
                var state = Checkpoint.Read(file).State;
                AnsiConsole.MarkupLineInterpolated($"{name}: [green]intact[/] (after epoch {state.History.Count}, step {state.Step})");
            }
            catch (DamagedCheckpointException e)
            {
                AnsiConsole.MarkupLineInterpolated($"{name}: [red]damaged[/]: {e.Problem}");
            }
        }
    }
}
