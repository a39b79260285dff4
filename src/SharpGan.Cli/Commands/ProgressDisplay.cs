using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>A progress bar with ETA, the last step's losses and images per second, around <see cref="Trainer.Run"/>:
/// over the steps of train.epochs, or over train.minutes when a budget is set (its end is then the nearer one).</summary>
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
                bool budget = trainer.BudgetSeconds > 0;
                var task = context.AddTask("training", maxValue: budget ? trainer.BudgetSeconds : trainer.TotalSteps);
                task.Value = budget ? trainer.TrainedSeconds : trainer.State.Step;
                epochLines.Write = line => AnsiConsole.MarkupLine(line);
                outcome = trainer.Run(new ProgressCallback(p =>
                {
                    task.Value = budget ? Math.Min(trainer.TrainedSeconds, task.MaxValue) : p.Step;
                    task.Description = $"epoch {p.Epoch}/{p.Epochs} D {p.LossD:F3} G {p.LossG:F3} {p.ImagesPerSecond:F0} img/s";
                }), cancel);
                if (outcome == TrainOutcome.Completed) task.Value = task.MaxValue;   // train.epochs may end it before the budget
            });
        return outcome;
    }
}
