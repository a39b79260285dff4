using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace SharpGan.Compute;

/// <summary>What SharpGan's own convolution autograd functions share: when to build one, what a forward keeps for its
/// backward, and how gradients are handed back.</summary>
internal static class Gradients
{
    /// <summary>Whether autograd will ask for a gradient of this computation.</summary>
    public static bool Wanted(Tensor input, Tensor weight) => is_grad_enabled() && (input.requires_grad || weight.requires_grad);

    /// <summary>What a convolution's forward kept: its input and weight (with their autograd history, so a backward
    /// built on them differentiates again), any tensor it made for the backward, which gradients are wanted, and its
    /// stride and padding.</summary>
    public sealed record Kept(Tensor Input, Tensor Weight, Tensor? Made, bool InputWanted, bool WeightWanted, long Stride, long Padding);

    public static void Keep(AutogradContext ctx, Tensor input, Tensor weight, long stride, long padding, Tensor? made = null)
    {
        ctx.save_for_backward(made is null ? [input, weight] : [input, weight, made]);
        ctx.save_data("wanted", (input.requires_grad, weight.requires_grad));
        ctx.save_data("geometry", (stride, padding));
    }

    /// <summary>What <see cref="Keep"/> kept; its tensors belong to the dispose scope open when this is called.</summary>
    public static Kept Restore(AutogradContext ctx)
    {
        var saved = ctx.get_saved_variables();
        var (inputWanted, weightWanted) = ((bool, bool))ctx.get_data("wanted");
        var (stride, padding) = ((long, long))ctx.get_data("geometry");
        return new Kept(saved[0], saved[1], saved.Count > 2 ? saved[2] : null, inputWanted, weightWanted, stride, padding);
    }

    /// <summary>
    /// The gradients of a backward, one per argument of its forward (null for the ones not wanted and for the
    /// arguments that are not tensors), kept past the backward's dispose scope: libtorch takes its own reference as
    /// the backward returns, and the wrappers go with the caller's scope.
    /// </summary>
    public static List<Tensor> Handed(Tensor? inputGrad, Tensor? weightGrad, int extra)
    {
        var grads = new List<Tensor> { inputGrad?.MoveToOuterDisposeScope()!, weightGrad?.MoveToOuterDisposeScope()! };
        for (int i = 0; i < extra; i++) grads.Add(null!);
        return grads;
    }
}
