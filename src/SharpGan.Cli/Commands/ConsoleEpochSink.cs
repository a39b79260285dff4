using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>One line per epoch in pytorch/examples' terms: Loss_D Loss_G D(x) D(G(z)).</summary>
sealed class ConsoleEpochSink : ITrainingSink
{
    public Action<string> Write { get; set; } = line => AnsiConsole.MarkupLine(line);

    public void OnEpoch(EpochReport report)
    {
        var s = report.Stats;
        var scores = double.IsNaN(s.DReal)   // no D scores: pix2pix's L1-only baseline never runs D
            ? ""
            : $"  D(x) {s.DReal:F3}  D(G(z)) {s.DFake:F3}  D acc {s.DAccuracy:P0}";
        // No G step in the epoch (a critic schedule's D steps first) is no loss, not a NaN to worry about.
        var lossG = !double.IsNaN(s.LossG) ? $"{s.LossG:F4}" : s.GSteps == 0 ? "—  (no G step yet: the critic trains first)" : "—";
        Write(Markup.Escape($"[{s.Epoch,4}] Loss_D {s.LossD:F4}  Loss_G {lossG}{scores}  {s.Seconds:F1}s"));
    }

    public void OnCollapse(CollapseReport report) =>
        Write($"[yellow]collapse watch[/] at epoch {report.Epoch}, step {report.Step}: {Markup.Escape(report.Reason)} → {report.Action.ToString().ToLowerInvariant()}");
}
