using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>samples/epoch_NNNN.png: the fixed-noise grid of every epoch (pytorch/examples' fake_samples_epoch_%03d.png),
/// and a diagnostic grid when the collapse watch fires.</summary>
public sealed class SampleGridSink : ITrainingSink
{
    string dir = "";

    public IReadOnlyList<string> Outputs => ["samples/epoch_*.png", "samples/collapse_epoch_*.png"];

    public static string FileName(int epoch) => $"epoch_{epoch:D4}.png";

    public void OnStart(RunInfo run) => dir = Path.Combine(run.Directory, "samples");

    public void OnEpoch(EpochReport report) =>
        PngFile.Write(Path.Combine(dir, FileName(report.Stats.Epoch)), report.Grid);

    /// <summary>samples/collapse_epoch_NNNN.png: what G drew when the collapse watch fired.</summary>
    public void OnCollapse(CollapseReport report)
    {
        if (report.Grid.Width > 1)
            PngFile.Write(Path.Combine(dir, $"collapse_epoch_{report.Epoch:D4}.png"), report.Grid);
    }
}
