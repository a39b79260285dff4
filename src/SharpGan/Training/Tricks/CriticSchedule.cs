using SharpGan.Config;
using SharpGan.Losses;

namespace SharpGan.Training.Tricks;

/// <summary>
/// How many D (critic) steps precede each G step, at the pace the loss asks for (<see cref="LossTraits.Pace"/>): WGAN's
/// (Arjovsky et al.; the bird DCGAN, the anime-face report) 100 for the first 25 G steps and on every 500th, else 5, so
/// the critic is near-optimal before G follows its gradient; WGAN-GP's plain 5 (Gulrajani et al.: its penalty needs no
/// warm-up); other losses the fixed D:G ratio (the car-logo ACGAN used 3:1).
/// </summary>
internal static class CriticSchedule
{
    /// <summary>D steps before G step number <paramref name="gStepsDone"/> + 1.</summary>
    public static int DStepsBefore(long gStepsDone, CriticPace pace, SharpGanConfig config)
    {
        var w = config.Wgan;
        switch (pace)
        {
            case CriticPace.Fixed:
                return w.CriticSteps;
            case CriticPace.Boosted:
                bool boost = gStepsDone < w.WarmupGSteps || (w.BoostEvery > 0 && gStepsDone > 0 && gStepsDone % w.BoostEvery == 0);
                return boost ? w.CriticStepsBoost : w.CriticSteps;
            default:
                return config.Tricks.DSteps;
        }
    }
}
