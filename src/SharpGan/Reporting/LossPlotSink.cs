using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>loss.png: D's and G's losses per epoch (left axis) with D(x), D(G(z)) and D's accuracy (right axis, 0–1),
/// and adaptive augmentation's p on the same 0–1 axis when ADA is on.</summary>
public sealed class LossPlotSink : ITrainingSink
{
    string path = "";
    bool ada;

    public IReadOnlyList<string> Outputs => ["loss.png"];

    public void OnStart(RunInfo run)
    {
        path = Path.Combine(run.Directory, "loss.png");
        ada = run.Config.Tricks.Ada != Config.AdaMode.Off;
    }

    public void OnEpoch(EpochReport report) => AtomicFile.Write(path, Render(report.History, ada));

    public static byte[] Render(IReadOnlyList<EpochStats> history, bool ada = false)
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var plot = new ScottPlot.Plot();
        AddLine(plot, epochs, history.Select(h => h.LossD), "loss D", right: false);
        AddLine(plot, epochs, history.Select(h => h.LossG), "loss G", right: false);
        AddLine(plot, epochs, history.Select(h => h.DReal), "D(x)", right: true);
        AddLine(plot, epochs, history.Select(h => h.DFake), "D(G(z))", right: true);
        AddLine(plot, epochs, history.Select(h => h.DAccuracy), "D accuracy", right: true);
        if (ada) AddLine(plot, epochs, history.Select(h => h.AdaP), "ADA p", right: true);
        plot.Axes.Right.Range.Set(0, 1);
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Right.Label.Text = ada ? "D(x), D(G(z)), D accuracy, ADA p" : "D(x), D(G(z)), D accuracy";
        plot.Title("Training");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return PlotPng.Render(plot, 900, 500);
    }

    static void AddLine(ScottPlot.Plot plot, double[] xs, IEnumerable<double> ys, string label, bool right)
    {
        var line = plot.Add.Scatter(xs, ys.ToArray());
        line.LegendText = label;
        line.MarkerSize = xs.Length > 40 ? 0 : 4;
        if (right)
        {
            line.Axes.YAxis = plot.Axes.Right;
            line.LinePattern = ScottPlot.LinePattern.Dashed;
        }
    }
}
