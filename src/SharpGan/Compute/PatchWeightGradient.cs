using static TorchSharp.torch;
using static TorchSharp.torch.autograd;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Compute;

/// <summary>
/// A convolution computed by oneDNN forward and for its input gradient, with its weight gradient as one matrix
/// product of the output gradient and the input's patches. oneDNN's bf16 weight-gradient kernels slow down where a
/// layer has few output positions for its patch size (D's deep layers): on the Zen 5 EPYC, batch 64, the 256 → 512
/// layer at 8 px took 24 ms for its weight gradient where the product takes 8, the 128 → 256 one at 16 px 13 against
/// 9, and the 64 → 128 one at 32 px 11 against 13 (<see cref="SafeConvolution"/> routes by that measure).
/// </summary>
internal sealed class PatchWeightGradConv2d : SingleTensorFunction<PatchWeightGradConv2d>
{
    public override string Name => nameof(PatchWeightGradConv2d);

    /// <param name="weight">out × in × k × k.</param>
    public static Tensor Compute(Tensor input, Tensor weight, long stride, long padding) => apply(input, weight, stride, padding);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (input, weight, stride, padding) = ((Tensor)vars[0], (Tensor)vars[1], (long)vars[2], (long)vars[3]);
        Gradients.Keep(ctx, input, weight, stride, padding);
        return F.conv2d(input, weight, strides: [stride, stride], padding: [padding, padding]);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor outputGrad)
    {
        using var scope = NewDisposeScope();
        var (input, weight, _, inputWanted, weightWanted, stride, padding) = Gradients.Restore(ctx);
        long kernel = weight.shape[2];
        Tensor? inputGrad = null;
        if (inputWanted)
        {
            // A transposed convolution of the output gradient, its extra rows those the forward's stride skipped.
            long skipped = (input.shape[2] + 2 * padding - kernel) % stride;
            inputGrad = F.conv_transpose2d(outputGrad, weight, strides: [stride, stride], padding: [padding, padding],
                output_padding: [skipped, skipped]);
        }
        var weightGrad = weightWanted
            ? Patches.WeightFromRows(Patches.Rows(outputGrad).t().matmul(Patches.Gather(input, kernel, stride, padding)), weight)
            : null;
        return Gradients.Handed(inputGrad, weightGrad, extra: 2);
    }
}

/// <summary>The transposed twin of <see cref="PatchWeightGradConv2d"/> (G's deep layers): oneDNN forward and input
/// gradient, the weight gradient as the input's pixels × the output gradient's patches.</summary>
internal sealed class PatchWeightGradConvTranspose2d : SingleTensorFunction<PatchWeightGradConvTranspose2d>
{
    public override string Name => nameof(PatchWeightGradConvTranspose2d);

    /// <param name="weight">in × out × k × k.</param>
    public static Tensor Compute(Tensor input, Tensor weight, long stride, long padding, long outputPadding) =>
        apply(input, weight, stride, padding, outputPadding);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (input, weight) = ((Tensor)vars[0], (Tensor)vars[1]);
        var (stride, padding, outputPadding) = ((long)vars[2], (long)vars[3], (long)vars[4]);
        Gradients.Keep(ctx, input, weight, stride, padding);
        return F.conv_transpose2d(input, weight, strides: [stride, stride], padding: [padding, padding],
            output_padding: [outputPadding, outputPadding]);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor outputGrad)
    {
        using var scope = NewDisposeScope();
        var (input, weight, _, inputWanted, weightWanted, stride, padding) = Gradients.Restore(ctx);
        var inputGrad = inputWanted ? F.conv2d(outputGrad, weight, strides: [stride, stride], padding: [padding, padding]) : null;
        var weightGrad = weightWanted
            ? Patches.WeightFromRows(Patches.Rows(input).t().matmul(Patches.Gather(outputGrad, weight.shape[2], stride, padding)), weight)
            : null;
        return Gradients.Handed(inputGrad, weightGrad, extra: 3);
    }
}
