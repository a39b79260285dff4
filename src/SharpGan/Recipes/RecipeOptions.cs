using SharpGan.Config;
using SharpGan.Data.Augment;
using SharpGan.Losses;

namespace SharpGan.Recipes;

/// <summary>The loss and the per-batch tricks a recipe applies, resolved once from the config.</summary>
public sealed record RecipeOptions(IAdversarialLoss Loss, LabelPolicy Labels, double GradientPenaltyLambda,
    double FeatureMatchingWeight, int GBatchMultiplier, DiscriminatorInput DInput)
{
    public static RecipeOptions From(SharpGanConfig config)
    {
        var loss = LossRegistry.Create(config.Train.Loss);
        var t = config.Tricks;
        return new RecipeOptions(
            loss,
            new LabelPolicy(t.LabelSmoothing, t.SoftLabels, t.LabelFlip),
            loss.Name == "wgan-gp" ? config.Wgan.GpLambda : 0,
            t.FeatureMatching,
            t.GBatchMultiplier,
            new DiscriminatorInput(DiffAugment.Parse(t.DiffAugment)));
    }
}
