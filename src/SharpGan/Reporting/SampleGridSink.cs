using SharpGan.Training;

namespace SharpGan.Reporting;

/// <summary>samples/epoch_NNNN.png: the fixed-noise grid of every epoch (pytorch/examples' fake_samples_epoch_%03d.png).</summary>
public sealed class SampleGridSink : ITrainingSink
{
    string dir = "";

    public static string FileName(int epoch) => $"epoch_{epoch:D4}.png";

    public void OnStart(RunInfo run) => dir = Path.Combine(run.Directory, "samples");

    public void OnEpoch(EpochReport report) =>
        PngFile.Write(Path.Combine(dir, FileName(report.Stats.Epoch)), report.Grid);
}
