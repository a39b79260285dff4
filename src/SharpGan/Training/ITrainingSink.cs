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
}

/// <summary>The collapse watch fired: why, what it does about it, and a diagnostic grid of the moment.</summary>
public sealed record CollapseReport(int Epoch, long Step, string Reason, Config.CollapseAction Action, RgbImage Grid);

/// <summary>The run as sinks see it: its folder and resolved config.</summary>
public sealed record RunInfo(string Directory, SharpGanConfig Config);

/// <summary>An epoch's numbers, every epoch's so far, and the grid drawn from the fixed noise.</summary>
public sealed record EpochReport(EpochStats Stats, IReadOnlyList<EpochStats> History, RgbImage Grid);

public enum TrainOutcome { Completed, Interrupted, Collapsed }
