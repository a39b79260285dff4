namespace SharpGan.Losses;

/// <summary>
/// What a loss asks of the loop around it, so the trainer, the critic schedule and the recipes' options follow the
/// loss instead of its name.
/// </summary>
/// <param name="UsesLabels">True for losses that read D's output as a real/fake logit against targets (BCE, minimax,
/// LSGAN); false for critics (WGAN, hinge), whose outputs are scores and which ignore targets, so label tricks are refused.</param>
/// <param name="Pace">D steps before each G step.</param>
/// <param name="ClipsWeights">Every critic weight clamped to ±<c>wgan.clip</c> after each D step (WGAN's Lipschitz constraint).</param>
/// <param name="GradientPenalty">λ = <c>wgan.gp_lambda</c> times the gradient penalty added to D's loss (WGAN-GP's).</param>
/// <param name="GeneratorReadsReal">G's loss also reads D's outputs on the real batch (relativistic losses such as
/// RpGAN), so the recipes pass them to <see cref="IAdversarialLoss.Generator(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor)"/>;
/// false for the rest, whose G phase never runs D on reals.</param>
/// <param name="Overfit">How adaptive augmentation reads D's overfitting off the loss's outputs.</param>
public sealed record LossTraits(bool UsesLabels, CriticPace Pace = CriticPace.Ratio, bool ClipsWeights = false, bool GradientPenalty = false,
    bool GeneratorReadsReal = false, OverfitSignal Overfit = OverfitSignal.None);
