namespace SharpGan.Training;

/// <summary>Where a run stands: the next step to take, what it has measured, and the schedules' counters.</summary>
public sealed record TrainState
{
    /// <summary>The epoch in progress, counted from 1.</summary>
    public int Epoch { get; init; } = 1;
    /// <summary>Steps (batches, each with a D phase) already taken in <see cref="Epoch"/>.</summary>
    public int StepInEpoch { get; init; }
    /// <summary>Steps taken in the whole run.</summary>
    public long Step { get; init; }
    /// <summary>G updates taken in the whole run (the WGAN critic schedule counts these).</summary>
    public long GSteps { get; init; }
    /// <summary>Real images D has seen in the whole run (StyleGAN2-ADA's cur_nimg, which the EMA's ramp-up reads);
    /// 0 in checkpoints written before it was counted.</summary>
    public long Images { get; init; }
    /// <summary>D updates since the last G update.</summary>
    public int DStepsSinceG { get; init; }
    /// <summary>Learning-rate factor from collapse rollbacks (1 until one happens).</summary>
    public double LrScale { get; init; } = 1;
    public int Rollbacks { get; init; }
    /// <summary>Adaptive augmentation's p and its part-gathered interval (p 0 in checkpoints written before ADA).</summary>
    public AdaState Ada { get; init; } = new();
    public EpochAccumulator Current { get; init; } = new();
    public IReadOnlyList<EpochStats> History { get; init; } = [];
}

/// <summary>Adaptive augmentation's p and the signs of D's real outputs gathered since its last adjustment
/// (<see cref="SignSum"/>: each step's E[sign D(x)] weighted by its <see cref="Images"/>), kept in checkpoints;
/// <c>Tricks.AdaController</c> moves it.</summary>
public sealed record AdaState(double P = 0, double SignSum = 0, long Images = 0);
