namespace SharpGan.Training;

/// <summary>Means over one epoch's steps, in pytorch/examples' names.</summary>
public sealed record EpochStats(int Epoch, long Step, double LossD, double LossG, double DReal, double DFake, double DAccuracy, double Seconds);

/// <summary>Running sums of one epoch, saved in checkpoints so a run resumed mid-epoch reports the same means.</summary>
public sealed record EpochAccumulator(int Steps = 0, double LossD = 0, double LossG = 0, double DReal = 0, double DFake = 0, double DAccuracy = 0, double Seconds = 0)
{
    public EpochAccumulator Add(StepStats s, double seconds) =>
        new(Steps + 1, LossD + s.LossD, LossG + s.LossG, DReal + s.DReal, DFake + s.DFake, DAccuracy + s.DAccuracy, Seconds + seconds);

    public EpochStats Mean(int epoch, long step) =>
        new(epoch, step, LossD / Steps, LossG / Steps, DReal / Steps, DFake / Steps, DAccuracy / Steps, Seconds);
}

/// <summary>One step's numbers, taken out of the tensors once.</summary>
public readonly record struct StepStats(double LossD, double LossG, double DReal, double DFake, double DAccuracy);
