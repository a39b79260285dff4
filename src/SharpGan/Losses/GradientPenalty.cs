using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// WGAN-GP's penalty (Gulrajani et al. 2017): λ·E[(‖∇D(x̂)‖₂ − 1)²] on x̂ = εx + (1 − ε)G(z), ε ~ U(0, 1) per
/// sample. The gradient is taken with create_graph so the penalty itself back-propagates into D.
/// </summary>
internal static class GradientPenalty
{
    public static Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda)
    {
        var epsilon = rand(real.shape[0], 1, 1, 1).to(real.device);
        var mixed = epsilon.mul(real.detach()).add(epsilon.neg().add(1).mul(fake.detach())).requires_grad_(true);
        return OfInputs(critic, mixed, lambda);
    }

    /// <summary>The penalty at given points (split out so a known critic can be checked against its analytic value).</summary>
    public static Tensor OfInputs(Func<Tensor, Tensor> critic, Tensor inputs, double lambda)
    {
        var scores = critic(inputs);
        var gradient = autograd.grad([scores.sum()], [inputs], retain_graph: true, create_graph: true)[0];
        var norm = gradient.flatten(1).norm(1);
        return norm.sub(1).square().mean().mul(lambda);
    }
}
