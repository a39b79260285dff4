using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>
/// The policy's weight copies (cast to bf16 and/or re-laid channels-last) made once per training phase instead of
/// once per forward: D runs two to four times in its phase (reals, fakes, the penalties' inputs) on the same
/// weights. A sharing scope opens once a phase's gradients are cleared and closes before its optimiser step, so no
/// copy outlives the weights it was made from: the next phase, after the step, makes fresh ones (and, with D frozen for G's phase,
/// ones that carry no gradient to D). This is what PyTorch's autocast does with its cast cache inside an autocast
/// region. The copies keep their autograd link to the fp32 masters; gradients of a weight used several times are
/// summed at the copy, in the compute dtype, as they are under autocast.
/// </summary>
internal sealed class WeightCopies : IDisposable
{
    [ThreadStatic] static WeightCopies? current;

    readonly Dictionary<Tensor, Tensor> copies = new(ReferenceEqualityComparer.Instance);
    readonly List<Tensor> made = [];
    readonly WeightCopies? outer;

    WeightCopies(WeightCopies? outer) => this.outer = outer;

    /// <summary>Copies made while this scope was open: one per weight per phase (read by the tests).</summary>
    public int Made => made.Count;

    /// <summary>Shares copies between the forwards on this thread until disposed.</summary>
    public static WeightCopies Share() => current = new WeightCopies(current);

    /// <summary>The copy of <paramref name="weight"/> under <paramref name="policy"/>: the scope's when one is open,
    /// else made now. A weight the policy computes with as it is (fp32 NCHW) is never copied or kept.</summary>
    public static Tensor Of(Tensor weight, ComputePolicy policy)
    {
        if (!policy.ChannelsLast && !policy.Bf16) return weight;
        // Without autograd a copy would carry no gradient back, so none is kept (sampling shares nothing).
        if (current is not { } scope || !is_grad_enabled()) return policy.Weight(weight);
        // A copy made while the weight was frozen (or not) serves only while it still is.
        if (scope.copies.TryGetValue(weight, out var kept) && kept.requires_grad == weight.requires_grad) return kept;
        // Kept past the dispose scope it was made in (a penalty's inner scope, say); freed when this scope closes,
        // while the autograd graph that still needs it holds its own reference.
        var copy = policy.Weight(weight).DetachFromDisposeScope();
        scope.copies[weight] = copy;
        scope.made.Add(copy);
        return copy;
    }

    public void Dispose()
    {
        foreach (var copy in made) copy.Dispose();
        made.Clear();
        copies.Clear();
        current = outer;
    }
}
