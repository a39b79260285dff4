using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace SharpGan.Compute;

/// <summary>
/// A convolution with fewer input channels than oneDNN's channel block (an RGB or grey picture going into D, a
/// mask), computed as patches × weights, forward and both gradients. oneDNN computes such layers right only when
/// their channels are zero-padded to 16 (<see cref="SafeConvolution"/>), which makes a 3-channel layer do 16/3 of
/// its work; as a matrix product it reads only the real channels (D's first layer of the bench's DCGAN: forward
/// 6.3 → 2 ms under bf16 at batch 64 on the Zen 5 EPYC).
/// </summary>
internal sealed class PatchConv2d : SingleTensorFunction<PatchConv2d>
{
    public override string Name => nameof(PatchConv2d);

    /// <param name="weight">out × in × k × k.</param>
    public static Tensor Compute(Tensor input, Tensor weight, long stride, long padding)
    {
        if (!Gradients.Wanted(input, weight))
            return Forward(input, weight, stride, padding, out _);
        return apply(input, weight, stride, padding);
    }

    static Tensor Forward(Tensor input, Tensor weight, long stride, long padding, out Tensor patches)
    {
        long kernel = weight.shape[2];
        patches = Patches.Gather(input, kernel, stride, padding);
        return Patches.Product(patches, Patches.WeightRows(weight).t(), input.shape[0], Patches.Positions(input.shape[2], kernel, stride, padding),
            Patches.Positions(input.shape[3], kernel, stride, padding), Patches.IsChannelsLast(input, weight));
    }

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (input, weight, stride, padding) = ((Tensor)vars[0], (Tensor)vars[1], (long)vars[2], (long)vars[3]);
        var output = Forward(input, weight, stride, padding, out var patches);
        Gradients.Keep(ctx, input, weight, stride, padding, made: patches);
        return output;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor outputGrad)
    {
        using var scope = NewDisposeScope();
        var (input, weight, made, inputWanted, weightWanted, stride, padding) = Gradients.Restore(ctx);
        // Under create_graph (a gradient penalty) the patches are gathered again from the input, with its history.
        var patches = is_grad_enabled() ? Patches.Gather(input, weight.shape[2], stride, padding) : made!;
        var rows = Patches.Rows(outputGrad);
        var inputGrad = inputWanted
            ? Patches.Scatter(rows.matmul(Patches.WeightRows(weight)), input.shape[0], input.shape[1], input.shape[2], input.shape[3],
                weight.shape[2], stride, padding, input.dtype, Patches.IsChannelsLast(input, weight))
            : null;
        var weightGrad = weightWanted ? Patches.WeightFromRows(rows.t().matmul(patches), weight) : null;
        return Gradients.Handed(inputGrad, weightGrad, extra: 2);
    }
}

/// <summary>
/// A transposed convolution to fewer output channels than oneDNN's channel block (G's last layer, to RGB), computed
/// as pixels × weights scattered onto the output, forward and both gradients: the mirror of <see cref="PatchConv2d"/>.
/// </summary>
internal sealed class PatchConvTranspose2d : SingleTensorFunction<PatchConvTranspose2d>
{
    public override string Name => nameof(PatchConvTranspose2d);

    /// <param name="weight">in × out × k × k.</param>
    public static Tensor Compute(Tensor input, Tensor weight, long stride, long padding, long outputPadding)
    {
        if (!Gradients.Wanted(input, weight))
            return Forward(input, weight, stride, padding, outputPadding);
        return apply(input, weight, stride, padding, outputPadding);
    }

    static Tensor Forward(Tensor input, Tensor weight, long stride, long padding, long outputPadding)
    {
        long kernel = weight.shape[2];
        long height = (input.shape[2] - 1) * stride - 2 * padding + kernel + outputPadding;
        long width = (input.shape[3] - 1) * stride - 2 * padding + kernel + outputPadding;
        var patches = Patches.Rows(input).matmul(Patches.WeightRows(weight));
        return Patches.Scatter(patches, input.shape[0], weight.shape[1], height, width, kernel, stride, padding,
            input.dtype, Patches.IsChannelsLast(input, weight));
    }

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (input, weight) = ((Tensor)vars[0], (Tensor)vars[1]);
        var (stride, padding, outputPadding) = ((long)vars[2], (long)vars[3], (long)vars[4]);
        Gradients.Keep(ctx, input, weight, stride, padding);
        return Forward(input, weight, stride, padding, outputPadding);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor outputGrad)
    {
        using var scope = NewDisposeScope();
        var (input, weight, _, inputWanted, weightWanted, stride, padding) = Gradients.Restore(ctx);
        var patches = Patches.Gather(outputGrad, weight.shape[2], stride, padding);
        var inputGrad = inputWanted
            ? Patches.Product(patches, Patches.WeightRows(weight).t(), input.shape[0], input.shape[2], input.shape[3],
                Patches.IsChannelsLast(input, weight))
            : null;
        var weightGrad = weightWanted ? Patches.WeightFromRows(Patches.Rows(input).t().matmul(patches), weight) : null;
        return Gradients.Handed(inputGrad, weightGrad, extra: 3);
    }
}
