namespace SharpGan.Losses;

/// <summary>
/// How adaptive augmentation reads D's overfitting off a loss's outputs: StyleGAN2-ADA's r_t = E[sign(D(x_real))]
/// presumes outputs whose sign says real or fake, which holds for some losses and not for others.
/// </summary>
public enum OverfitSignal
{
    /// <summary>The outputs carry no verdict of their own (WGAN's critic is shift-invariant; LSGAN's targets are 1 and 0,
    /// not ±): adaptive augmentation is refused, <c>tricks.ada</c> auto leaves it off.</summary>
    None,

    /// <summary>Positive means real (logistic losses, hinge): r_t = E[sign(D(x_real))], as StyleGAN2-ADA.</summary>
    RealSign,

    /// <summary>Only a real's output against its paired fake's means anything (relativistic pairing): r_t =
    /// E[sign(D(x_real) − D(G(z)))], the share of pairs D orders right, mapped to [−1, 1].</summary>
    PairedSign,
}
