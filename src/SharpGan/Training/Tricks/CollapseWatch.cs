using SharpGan.Config;

namespace SharpGan.Training.Tricks;

/// <summary>Why a run is judged collapsing, or null when it is healthy.</summary>
internal static class CollapseWatch
{
    /// <summary>A loss that is NaN or infinite: the run cannot recover by itself.</summary>
    public static string? NonFinite(StepStats step) =>
        double.IsFinite(step.LossD) && (!step.HasG || double.IsFinite(step.LossG)) ? null
            : $"non-finite loss (Loss_D {step.LossD}, Loss_G {step.LossG})";

    /// <summary>D at or above the accuracy threshold for the last K epochs of <paramref name="history"/>.</summary>
    public static string? DiscriminatorWins(IReadOnlyList<EpochStats> history, CollapseConfig config)
    {
        if (config.Epochs == 0 || history.Count < config.Epochs) return null;
        var recent = history.Skip(history.Count - config.Epochs).ToList();
        return recent.All(e => e.DAccuracy >= config.Accuracy)
            ? $"D accuracy ≥ {config.Accuracy:P0} for {config.Epochs} epochs (the flower GAN's collapse)"
            : null;
    }

    /// <summary>How many epochs at the end of <paramref name="history"/> are at or above the threshold.</summary>
    public static int Streak(IReadOnlyList<EpochStats> history, CollapseConfig config) =>
        history.Reverse().TakeWhile(e => e.DAccuracy >= config.Accuracy).Count();
}
