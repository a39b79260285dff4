namespace SharpGan.Pretrained;

/// <summary>
/// TensorFlow's <c>padding: same</c>: the output has ⌈input / stride⌉ positions, and the padding that needs is split
/// with the smaller half first — for stride 2 on an even side, one pixel at the bottom/right and none at the top/left.
/// PyTorch's symmetric padding would shift every window by a pixel and give different numbers.
/// </summary>
internal static class TfSamePadding
{
    /// <returns>Pixels before (top/left) and after (bottom/right) along one axis.</returns>
    public static (int Before, int After) Of(int input, int kernel, int stride, int dilation = 1)
    {
        int output = (input + stride - 1) / stride;
        int effectiveKernel = (kernel - 1) * dilation + 1;
        int total = Math.Max((output - 1) * stride + effectiveKernel - input, 0);
        return (total / 2, total - total / 2);
    }
}
