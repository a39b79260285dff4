namespace SharpGan.Losses;

/// <summary>How many D (critic) steps a loss wants before each G step.</summary>
public enum CriticPace
{
    /// <summary>The configured D:G ratio, <c>tricks.d_steps</c> (the car-logo ACGAN used 3:1).</summary>
    Ratio,

    /// <summary>Arjovsky et al.'s WGAN schedule (the bird DCGAN, the anime-face report): <c>wgan.critic_steps_boost</c> for the first
    /// <c>wgan.warmup_g_steps</c> G steps and on every <c>wgan.boost_every</c>-th, else <c>wgan.critic_steps</c>, so a
    /// clipped critic is near-optimal before G follows its gradient.</summary>
    Boosted,

    /// <summary>Gulrajani et al.'s plain <c>wgan.critic_steps</c>: a penalised critic needs no warm-up.</summary>
    Fixed,
}
