using SharpGan.Config;

namespace SharpGan.Training.Tricks;

/// <summary>
/// σ of the instance noise added to every D input (Sønderby et al.; the flower GAN): large early, when real and fake
/// distributions barely overlap, decaying so that D finally sees clean images.
/// </summary>
internal static class InstanceNoise
{
    /// <summary>σ for epoch <paramref name="epoch"/> (from 1) of a run of <paramref name="totalEpochs"/>.</summary>
    public static double Sigma(TricksConfig tricks, int epoch, int totalEpochs)
    {
        if (tricks.InstanceNoise <= 0) return 0;
        int span = tricks.InstanceNoiseEpochs > 0 ? tricks.InstanceNoiseEpochs : totalEpochs;
        double progress = (epoch - 1) / (double)span;
        return tricks.InstanceNoiseDecay switch
        {
            NoiseDecay.Linear => tricks.InstanceNoise * Math.Max(0, 1 - progress),
            NoiseDecay.Exponential => tricks.InstanceNoise * Math.Pow(0.5, progress * 10),
            _ => throw new ArgumentOutOfRangeException(nameof(tricks)),
        };
    }
}
