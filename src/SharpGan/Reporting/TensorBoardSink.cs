using SharpGan.Training;
using TorchSharp;

namespace SharpGan.Reporting;

/// <summary>TensorBoard event files under tensorboard/: the epoch's scalars (ADA's p and r_t when ADA is on) and its sample grid.</summary>
public sealed class TensorBoardSink : ITrainingSink
{
    TorchSharp.Modules.SummaryWriter? writer;
    string gridDir = "";
    bool ada;

    public static readonly IReadOnlyList<string> Files = ["tensorboard/events.out.tfevents.*"];

    public IReadOnlyList<string> Outputs => Files;

    public void OnStart(RunInfo run)
    {
        writer = torch.utils.tensorboard.SummaryWriter(Path.Combine(run.Directory, "tensorboard"));
        gridDir = Path.Combine(run.Directory, "samples");
        ada = run.Config.Tricks.Ada != Config.AdaMode.Off;
    }

    public void OnEpoch(EpochReport report)
    {
        var s = report.Stats;
        int step = s.Epoch;
        writer!.add_scalar("loss/d", (float)s.LossD, step);
        writer.add_scalar("loss/g", (float)s.LossG, step);
        writer.add_scalar("score/d_real", (float)s.DReal, step);
        writer.add_scalar("score/d_fake", (float)s.DFake, step);
        writer.add_scalar("score/d_accuracy", (float)s.DAccuracy, step);
        if (ada)
        {
            writer.add_scalar("ada/p", (float)s.AdaP, step);
            writer.add_scalar("ada/rt", (float)s.AdaRt, step);
        }
        var grid = Path.Combine(gridDir, SampleGridSink.FileName(s.Epoch));
        if (File.Exists(grid))
            writer.add_img("samples", grid, step);
    }
}
