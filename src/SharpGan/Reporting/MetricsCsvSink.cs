using System.Globalization;
using System.Text;
using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>metrics.csv, one row per epoch, rewritten whole from the history so a resumed run never duplicates rows.
/// New columns go at the end, so scripts reading the old ones by position keep working.</summary>
public sealed class MetricsCsvSink : ITrainingSink
{
    public const string Header = "epoch,step,loss_d,loss_g,d_real,d_fake,d_accuracy,seconds,g_steps,ada_p,ada_rt";
    string path = "";

    public IReadOnlyList<string> Outputs => ["metrics.csv"];

    public void OnStart(RunInfo run) => path = Path.Combine(run.Directory, "metrics.csv");

    public void OnEpoch(EpochReport report) => AtomicFile.WriteText(path, Format(report.History));

    public static string Format(IEnumerable<EpochStats> history)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var s in history)
            csv.Append(string.Join(',', new object[] { s.Epoch, s.Step, s.LossD, s.LossG, s.DReal, s.DFake, s.DAccuracy, s.Seconds, s.GSteps, s.AdaP, s.AdaRt }
                .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Append('\n');
        return csv.ToString();
    }
}
