namespace SharpGan.Training;

/// <summary>Where a run stands: the next step to take, and what it has measured so far.</summary>
public sealed record TrainState
{
    /// <summary>The epoch in progress, counted from 1.</summary>
    public int Epoch { get; init; } = 1;
    /// <summary>Steps already taken in <see cref="Epoch"/>.</summary>
    public int StepInEpoch { get; init; }
    /// <summary>Steps taken in the whole run.</summary>
    public long Step { get; init; }
    public EpochAccumulator Current { get; init; } = new();
    public IReadOnlyList<EpochStats> History { get; init; } = [];
}
