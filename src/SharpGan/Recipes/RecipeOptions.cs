using SharpGan.Compute;
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
            new DiscriminatorInput(DiffAugment.Parse(t.DiffAugment)))
        {
            Penalties = new ZeroCenteredPenalties(t.R1Gamma, t.R2Gamma, t.RInterval),
        };
    }

    /// <summary>R1 / R2, on the D steps their interval picks.</summary>
    public ZeroCenteredPenalties Penalties { get; init; } = ZeroCenteredPenalties.Off;

    /// <summary>
    /// G's adversarial loss on D's outputs for G's fakes; a loss that pairs fakes with reals (RpGAN) also gets D's outputs
    /// on the real batch, from <paramref name="realLogits"/>, run without a graph (G's gradient flows through the fakes
    /// only). The other losses never run it, so their G phase is what it always was.
    /// </summary>
    public Tensor GeneratorLoss(Tensor dFake, Func<Tensor> realLogits)
    {
        if (!Loss.Traits.GeneratorReadsReal) return Loss.Generator(dFake);
        Tensor dReal;
        using (StepProfile.Time("D forward (reals, for G's paired loss)"))
        using (no_grad())
            dReal = realLogits();
        return Loss.Generator(dFake, dReal);
    }

    /// <summary>
    /// The end of every D phase: the gradient penalty added when the loss asks for one and R1 / R2 on the steps they
    /// apply (on D as it sees inputs, through <paramref name="critic"/>, or <paramref name="fakeCritic"/> for R2 where
    /// a conditional D judges fakes with conditions of their own), the backward pass, and D's diagnostics.
    /// </summary>
    public PhaseResult CompleteDiscriminatorPhase(Tensor lossD, Tensor dReal, Tensor dFake, Func<Tensor, Tensor> critic, Tensor real, Tensor fake,
        Func<Tensor, Tensor>? fakeCritic = null)
    {
        using (StepProfile.Time("D's gradient penalties (their forwards and input gradients)"))
        {
            if (GradientPenaltyLambda > 0)
                lossD = lossD.add(GradientPenalty.Compute(x => critic(DInput.Apply(x)), real, fake, GradientPenaltyLambda));
            if (Penalties.AppliesAt(DInput.DStep))
            {
                var judgeFake = fakeCritic ?? critic;
                lossD = lossD.add(Penalties.Compute(x => critic(DInput.Apply(x)), real, x => judgeFake(DInput.Apply(x)), fake));
            }
        }
        using (StepProfile.Time("D backward"))
            lossD.backward();
        using var _ = no_grad();
        return PhaseResult.FromScores(lossD, dReal, dFake, Loss.Traits.UsesLabels, Loss.Traits.Overfit);
    }
}
