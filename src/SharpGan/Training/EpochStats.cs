namespace SharpGan.Training;

/// <summary>Means over one epoch's steps, in pytorch/examples' names. For critic losses (WGAN, hinge) D(x) and
/// D(G(z)) are mean raw scores, not probabilities. <see cref="AdaP"/> is adaptive augmentation's p at the epoch's end,
/// <see cref="AdaRt"/> the epoch's mean of E[sign D(x_real)], the overfitting measure that steers it.</summary>
public sealed record EpochStats(int Epoch, long Step, double LossD, double LossG, double DReal, double DFake, double DAccuracy, double Seconds, long GSteps = 0,
    double AdaP = 0, double AdaRt = double.NaN);

/// <summary>Running sums of one epoch, saved in checkpoints so a run resumed mid-epoch reports the same means.
/// G's loss is averaged over the steps that had a G phase (with n critic steps per G step, not all do).</summary>
public sealed record EpochAccumulator(int Steps = 0, int GSteps = 0, double LossD = 0, double LossG = 0, double DReal = 0, double DFake = 0, double DAccuracy = 0, double Seconds = 0,
    double RealSign = 0)
{
    internal EpochAccumulator Add(StepStats s, double seconds) =>
        new(Steps + 1, GSteps + (s.HasG ? 1 : 0), LossD + s.LossD, LossG + (s.HasG ? s.LossG : 0),
            DReal + s.DReal, DFake + s.DFake, DAccuracy + s.DAccuracy, Seconds + seconds, RealSign + s.RealSign);

    /// <summary>The epoch's means; <paramref name="gStepsSoFar"/> is the run's G-update count and <paramref name="adaP"/>
    /// adaptive augmentation's p at its end.</summary>
    public EpochStats Mean(int epoch, long step, long gStepsSoFar, double adaP = 0) =>
        new(epoch, step, LossD / Steps, GSteps > 0 ? LossG / GSteps : double.NaN, DReal / Steps, DFake / Steps, DAccuracy / Steps, Seconds, gStepsSoFar,
            adaP, RealSign / Steps);
}

/// <summary>One step's numbers, taken out of the tensors once; <see cref="HasG"/> is false for a critic-only step;
/// <see cref="RealSign"/> is E[sign D(x_real)] (NaN where D did not judge).</summary>
internal readonly record struct StepStats(double LossD, double LossG, double DReal, double DFake, double DAccuracy, bool HasG = true, double RealSign = double.NaN);
