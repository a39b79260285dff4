using SharpGan.Config;

namespace SharpGan.Training.Tricks;

/// <summary>
/// StyleGAN2-ADA's heuristic (Karras et al. 2020, training_loop.py): every <c>ada_interval</c> D steps,
/// r_t = E[sign D(x_real)] over them; p moves by sign(r_t − target) · images / (ada_kimg · 1000), so it can cross
/// 0 → 1 in ada_kimg thousand images. StyleGAN2-ADA only keeps p ≥ 0; p above 1 would mean nothing more, so it stops there.
/// Scheduled p follows the images seen instead, as R3GAN trains (its aug_scheduler, a cosine from 0 to 0.3–0.55 over
/// its whole schedule): it reads nothing off D, so a failing G cannot drive it up.
/// </summary>
internal static class AdaController
{
    /// <summary>The p D's inputs get at the next step, with <paramref name="images"/> real images seen before it.</summary>
    public static double P(TricksConfig t, AdaState state, long images) => t.Ada switch
    {
        AdaMode.Adaptive => state.P,
        AdaMode.Fixed => t.AdaP,
        AdaMode.Scheduled => t.AdaP * (1 - Math.Cos(Math.PI * Math.Min(1, images / (t.AdaKimg * 1000)))) / 2,
        _ => 0,
    };

    /// <summary>Gathers the run's D step <paramref name="step"/> (counted from 1) over <paramref name="images"/> real
    /// images with E[sign D(x)] = <paramref name="realSign"/>, and adjusts p when the interval is full.</summary>
    public static AdaState Observe(TricksConfig t, AdaState state, long step, double realSign, long images)
    {
        if (t.Ada != AdaMode.Adaptive) return state;
        state = state with { SignSum = state.SignSum + realSign * images, Images = state.Images + images };
        if (step % t.AdaInterval != 0) return state;
        double rt = state.SignSum / state.Images;
        double adjust = Math.Sign(rt - t.AdaTarget) * state.Images / (t.AdaKimg * 1000);
        return new AdaState(Math.Clamp(state.P + adjust, 0, 1));
    }
}
