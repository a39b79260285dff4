using SharpGan.Reporting;
using SharpGan.Training;

namespace SharpGan.Cli.Commands;

/// <summary>
/// Declares the files of the sinks a run may switch off — TensorBoard's events, the GIF, the evaluation's CSV, plot and
/// best checkpoint — whether this run has them or not, and writes nothing. A run folder is cleared by what its sinks
/// declare, so without it <c>--overwrite</c> by a run without <c>--eval-every</c> left the old run's eval.csv beside
/// the new metrics; and a fresh run now refuses a folder that holds them.
/// </summary>
sealed class SwitchedOffSinkFiles : ITrainingSink
{
    public void OnEpoch(EpochReport report) { }

    public IReadOnlyList<string> Outputs { get; } = [.. TensorBoardSink.Files, .. TrainingGifSink.Files, .. EvalSink.Files];
}
