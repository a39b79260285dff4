using static TorchSharp.torch;
using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Training;

/// <summary>
/// What the trainer tells the outside world. Files, plots and logs live behind this; the loop never knows them.
/// </summary>
public interface ITrainingSink
{
    void OnStart(RunInfo run) { }
    void OnEpoch(EpochReport report);
    void OnFinish(RunInfo run, TrainOutcome outcome) { }
    void OnCollapse(CollapseReport report) { }
    /// <summary>The files and folders, relative to the run folder, that this sink writes (cleared by --overwrite).</summary>
    IReadOnlyList<string> Outputs => [];
}

/// <summary>The collapse watch fired: why, what it does about it, and a diagnostic grid of the moment.</summary>
public sealed record CollapseReport(int Epoch, long Step, string Reason, Config.CollapseAction Action, RgbImage Grid);

/// <summary>The run as sinks see it: its folder and resolved config.</summary>
public sealed record RunInfo(string Directory, SharpGanConfig Config);

/// <summary>An epoch's numbers, every epoch's so far, the grid drawn from the fixed noise, and the model as it stands
/// after the epoch: samples from it, and a checkpoint of it for a sink that keeps one (the best by a metric).</summary>
public sealed record EpochReport(EpochStats Stats, IReadOnlyList<EpochStats> History, RgbImage Grid, ISampleSource? Samples = null,
    ICheckpointSource? Checkpoints = null);

/// <summary>Generated images on demand (G in eval mode, its EMA when kept), for sinks that measure them.</summary>
public interface ISampleSource
{
    /// <summary><paramref name="count"/> images in [-1, 1] from noise seeded by <paramref name="seed"/>, in batches made on demand.</summary>
    IEnumerable<Func<Tensor>> Batches(int count, long seed, int batch = 256);
}

/// <summary>Writes the run as it stands as a checkpoint file of its own, beside the trainer's last/previous pair.</summary>
public interface ICheckpointSource
{
    /// <summary>Writes a complete checkpoint to <paramref name="path"/> atomically; the run's own checkpoints are untouched.</summary>
    void SaveCheckpointAs(string path);
}

public enum TrainOutcome { Completed, Interrupted, Collapsed }
