using SharpGan.Config;

namespace SharpGan.Training.Tricks;

/// <summary>
/// How many D (critic) steps precede each G step. WGAN (Arjovsky et al.; seeds 002/003): 100 for the first 25 G
/// steps and on every 500th, else 5, so the critic is near-optimal before G follows its gradient. Other losses: the
/// fixed D:G ratio (seed 004 used 3:1). WGAN-GP keeps Gulrajani et al.'s plain 5 (wgan.critic_steps): its penalty
/// needs no warm-up.
/// </summary>
public static class CriticSchedule
{
    /// <summary>D steps before G step number <paramref name="gStepsDone"/> + 1.</summary>
    public static int DStepsBefore(long gStepsDone, SharpGanConfig config)
    {
        var w = config.Wgan;
        if (config.Train.Loss == "wgan-gp")
            return w.CriticSteps;
        if (config.Train.Loss != "wgan")
            return config.Tricks.DSteps;
        bool boost = gStepsDone < w.WarmupGSteps || (w.BoostEvery > 0 && gStepsDone > 0 && gStepsDone % w.BoostEvery == 0);
        return boost ? w.CriticStepsBoost : w.CriticSteps;
    }
}
