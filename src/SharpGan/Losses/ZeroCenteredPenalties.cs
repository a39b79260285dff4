using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// R1 and R2 (Mescheder et al. 2018, "Which training methods for GANs do actually converge?"): γ/2·E‖∇ₓD(x)‖² on
/// the real batch (R1) and on the fakes (R2), pulling D's gradient towards 0 where the data and G's samples lie.
/// StyleGAN2 uses R1; R3GAN (Huang et al. 2024) both, with RpGAN. Lazy regularisation (StyleGAN2, Karras et al. 2020):
/// applied on every <see cref="Interval"/>-th D step only, from the first, scaled by the interval so its mean weight
/// per step stays γ/2.
/// </summary>
/// <param name="R1Gamma">γ of R1 (<c>tricks.r1_gamma</c>); 0 = off.</param>
/// <param name="R2Gamma">γ of R2 (<c>tricks.r2_gamma</c>); 0 = off.</param>
/// <param name="Interval">D steps per application (<c>tricks.r_interval</c>); 1 = every step.</param>
internal sealed record ZeroCenteredPenalties(double R1Gamma, double R2Gamma, int Interval)
{
    public static ZeroCenteredPenalties Off { get; } = new(0, 0, 1);

    public bool IsOff => R1Gamma == 0 && R2Gamma == 0;

    /// <summary>True on the D steps (counted from 0 over the run) that carry the penalties.</summary>
    public bool AppliesAt(long dStep) => !IsOff && dStep % Interval == 0;

    /// <summary>Interval·(R1 + R2) on <paramref name="real"/> and <paramref name="fake"/> through the critics D judges
    /// each with (a conditional D judges fakes with their own conditions).</summary>
    public Tensor Compute(Func<Tensor, Tensor> realCritic, Tensor real, Func<Tensor, Tensor> fakeCritic, Tensor fake)
    {
        Tensor? total = null;
        if (R1Gamma > 0) total = OfInputs(realCritic, real, R1Gamma * Interval);
        if (R2Gamma > 0)
        {
            var r2 = OfInputs(fakeCritic, fake, R2Gamma * Interval);
            total = total is null ? r2 : total.add(r2);
        }
        return total ?? throw new InvalidOperationException("R1 and R2 are off");
    }

    /// <summary>γ/2·E‖∇ₓD(x)‖² at <paramref name="points"/>. The gradient is taken w.r.t. an fp32 leaf (the compute
    /// policy's bf16 copies live inside D), with create_graph so the penalty back-propagates into D.</summary>
    public static Tensor OfInputs(Func<Tensor, Tensor> critic, Tensor points, double gamma)
    {
        var x = points.detach().to_type(ScalarType.Float32).requires_grad_(true);
        var scores = critic(x);
        var gradient = autograd.grad([scores.sum()], [x], retain_graph: true, create_graph: true)[0];
        return gradient.to_type(ScalarType.Float32).square().flatten(1).sum(1).mean().mul(gamma / 2);
    }
}
