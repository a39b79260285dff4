namespace SharpGan.Training;

/// <summary>Means over one epoch's steps, in pytorch/examples' names. For critic losses (WGAN, hinge) D(x) and
/// D(G(z)) are mean raw scores, not probabilities.</summary>
public sealed record EpochStats(int Epoch, long Step, double LossD, double LossG, double DReal, double DFake, double DAccuracy, double Seconds, long GSteps = 0);

/// <summary>Running sums of one epoch, saved in checkpoints so a run resumed mid-epoch reports the same means.
/// G's loss is averaged over the steps that had a G phase (with n critic steps per G step, not all do).</summary>
public sealed record EpochAccumulator(int Steps = 0, int GSteps = 0, double LossD = 0, double LossG = 0, double DReal = 0, double DFake = 0, double DAccuracy = 0, double Seconds = 0)
{
    internal EpochAccumulator Add(StepStats s, double seconds) =>
        new(Steps + 1, GSteps + (s.HasG ? 1 : 0), LossD + s.LossD, LossG + (s.HasG ? s.LossG : 0),
            DReal + s.DReal, DFake + s.DFake, DAccuracy + s.DAccuracy, Seconds + seconds);

    /// <summary>The epoch's means; <paramref name="gStepsSoFar"/> is the run's G-update count at its end.</summary>
    public EpochStats Mean(int epoch, long step, long gStepsSoFar) =>
        new(epoch, step, LossD / Steps, GSteps > 0 ? LossG / GSteps : double.NaN, DReal / Steps, DFake / Steps, DAccuracy / Steps, Seconds, gStepsSoFar);
}

/// <summary>One step's numbers, taken out of the tensors once; <see cref="HasG"/> is false for a critic-only step.</summary>
internal readonly record struct StepStats(double LossD, double LossG, double DReal, double DFake, double DAccuracy, bool HasG = true);
