using SharpGan.Config;
using SharpGan.Data.Augment;
using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>The loss and the per-batch tricks a recipe applies, resolved once from the config.</summary>
internal sealed record RecipeOptions(IAdversarialLoss Loss, LabelPolicy Labels, double GradientPenaltyLambda,
    double FeatureMatchingWeight, int GBatchMultiplier, DiscriminatorInput DInput)
{
    public static RecipeOptions From(SharpGanConfig config)
    {
        var loss = LossRegistry.Create(config.Train.Loss);
        var t = config.Tricks;
        return new RecipeOptions(
            loss,
            new LabelPolicy(t.LabelSmoothing, t.SoftLabels, t.LabelFlip),
            loss.Traits.GradientPenalty ? config.Wgan.GpLambda : 0,
            t.FeatureMatching,
            t.GBatchMultiplier,
            new DiscriminatorInput(DiffAugment.Parse(t.DiffAugment)));
    }

    /// <summary>
    /// The end of every D phase: the gradient penalty added when the loss asks for one (on D as it sees inputs, through
    /// <paramref name="critic"/>), the backward pass, and D's diagnostics.
    /// </summary>
    public PhaseResult CompleteDiscriminatorPhase(Tensor lossD, Tensor dReal, Tensor dFake, Func<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        if (GradientPenaltyLambda > 0)
            lossD = lossD.add(GradientPenalty.Compute(x => critic(DInput.Apply(x)), real, fake, GradientPenaltyLambda));
        lossD.backward();
        using var _ = no_grad();
        return PhaseResult.FromScores(lossD, dReal, dFake, Loss.Traits.UsesLabels);
    }
}
