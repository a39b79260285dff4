using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>A progress bar with ETA, the last step's losses and images per second, around <see cref="Trainer.Run"/>.</summary>
static class ProgressDisplay
{
    public static TrainOutcome Run(Trainer trainer, ConsoleEpochSink epochLines, CancellationToken cancel)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return trainer.Run(null, cancel);
        TrainOutcome outcome = default;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: trainer.TotalSteps);
                task.Value = trainer.State.Step;
                epochLines.Write = line => AnsiConsole.MarkupLine(line);
                outcome = trainer.Run(new ProgressCallback(p =>
                {
                    task.Value = p.Step;
                    task.Description = $"epoch {p.Epoch}/{p.Epochs} D {p.LossD:F3} G {p.LossG:F3} {p.ImagesPerSecond:F0} img/s";
                }), cancel);
            });
        return outcome;
    }
}
