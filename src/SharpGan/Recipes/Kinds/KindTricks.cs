namespace SharpGan.Recipes.Kinds;

/// <summary>The tricks on G that a GAN kind's recipe applies; the others are refused at start-up.</summary>
[Flags]
public enum KindTricks
{
    None = 0,

    /// <summary><c>tricks.feature_matching</c>: G also matches the mean of D's last hidden features on real images.</summary>
    FeatureMatching = 1,

    /// <summary><c>tricks.g_batch_multiplier</c>: G's phase draws fresh, larger batches.</summary>
    LargerGBatch = 2,

    /// <summary><c>tricks.r1_gamma</c> / <c>r2_gamma</c>: D's phase ends in the shared completion that adds R1 and R2.</summary>
    GradientPenalties = 4,

    /// <summary><c>tricks.ada</c> auto turns adaptive augmentation on: what D judges does not depend on where the pixels
    /// are or what colour they have (a mask or an input picture would be moved away from its image).</summary>
    Augmentation = 8,
}
