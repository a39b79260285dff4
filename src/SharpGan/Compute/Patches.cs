using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Compute;

/// <summary>
/// The k×k patches a strided convolution reads, one row per output position (an im2col laid out channels-last:
/// <c>(B·Ho·Wo) × (k·k·C)</c>, ordered ky, kx, c), and its adjoint, which adds such rows back onto the picture they
/// came from (col2im). With them a convolution is a matrix product: the gather-then-multiply of a convolution's
/// forward and weight gradient, the multiply-then-scatter of its input gradient and of a transposed convolution's
/// forward. Both index only memory they wrote: the padded copy is written whole, the scatter's sum starts at zero.
/// </summary>
internal static class Patches
{
    /// <summary>Output positions along a side of <paramref name="side"/> pixels.</summary>
    public static long Positions(long side, long kernel, long stride, long padding) => (side + 2 * padding - kernel) / stride + 1;

    /// <summary>The patches of <paramref name="x"/> (B × C × H × W, any layout): (B·Ho·Wo) × (k·k·C), contiguous.</summary>
    public static Tensor Gather(Tensor x, long kernel, long stride, long padding)
    {
        long batch = x.shape[0], channels = x.shape[1], height = x.shape[2], width = x.shape[3];
        long rows = Positions(height, kernel, stride, padding), columns = Positions(width, kernel, stride, padding);
        // Unpadded, this may be the input itself: a view of a larger tensor begins where its storage offset says.
        var padded = F.pad(x.permute(0, 2, 3, 1), [0, 0, padding, padding, padding, padding]).contiguous();
        long paddedWidth = width + 2 * padding, pixel = channels, line = paddedWidth * channels;
        return padded.as_strided([batch, rows, columns, kernel, kernel, channels],
                [(height + 2 * padding) * line, stride * line, stride * pixel, line, pixel, 1], padded.storage_offset())
            .reshape(batch * rows * columns, kernel * kernel * channels);
    }

    /// <summary>
    /// The adjoint of <see cref="Gather"/>: rows of <paramref name="patches"/> ((B·Ho·Wo) × (k·k·C)) added onto a
    /// B × C × <paramref name="height"/> × <paramref name="width"/> picture at the places Gather read them from, summed
    /// in fp32 and returned in <paramref name="dtype"/>, channels-last or contiguous NCHW.
    /// </summary>
    public static Tensor Scatter(Tensor patches, long batch, long channels, long height, long width, long kernel, long stride, long padding,
        ScalarType dtype, bool channelsLast)
    {
        long rows = Positions(height, kernel, stride, padding), columns = Positions(width, kernel, stride, padding);
        var sum = zeros([batch, height + 2 * padding, width + 2 * padding, channels], dtype: ScalarType.Float32, device: patches.device);
        // In fp32 first: adding bf16 rows into fp32 converts on every add, three times slower than one conversion.
        var byOffset = patches.to_type(ScalarType.Float32).view(batch, rows, columns, kernel, kernel, channels);
        long[] everyStride = [sum.stride(0), stride * sum.stride(1), stride * sum.stride(2), 1];
        for (long ky = 0; ky < kernel; ky++)
            for (long kx = 0; kx < kernel; kx++)
                sum.as_strided([batch, rows, columns, channels], everyStride, ky * sum.stride(1) + kx * sum.stride(2))
                    .add_(byOffset.select(3, ky).select(3, kx));
        var picture = Empty(batch, channels, height, width, dtype, patches.device, channelsLast);
        return picture.copy_(sum.narrow(1, padding, height).narrow(2, padding, width).permute(0, 3, 1, 2));
    }

    /// <summary>A weight (a × b × k × k: out × in of a convolution, in × out of a transposed one) as the matrix its
    /// patches multiply: a × (k·k·b), ordered ky, kx, b (a view of a channels-last copy).</summary>
    public static Tensor WeightRows(Tensor weight) => weight.permute(0, 2, 3, 1).reshape(weight.shape[0], -1);

    /// <summary>The inverse of <see cref="WeightRows"/>, in the layout of <paramref name="like"/>.</summary>
    public static Tensor WeightFromRows(Tensor rows, Tensor like)
    {
        var weight = rows.view(like.shape[0], like.shape[2], like.shape[3], like.shape[1]).permute(0, 3, 1, 2);
        return IsChannelsLastWeight(like) ? weight : weight.contiguous();
    }

    /// <summary>Whether a convolution computes channels-last: as its input is laid out, or for a one-channel input
    /// (laid out the same either way) as the policy's copy of its k×k weight is.</summary>
    public static bool IsChannelsLast(Tensor input, Tensor weight) => input.shape[1] > 1
        ? ComputePolicy.IsChannelsLast(input)
        : IsChannelsLastWeight(weight);

    static bool IsChannelsLastWeight(Tensor weight) => weight.stride(1) == 1 && weight.shape[2] * weight.shape[3] > 1;

    /// <summary>
    /// The product <paramref name="left"/> × <paramref name="right"/>, one row per output position, as a new
    /// B × C × H × W picture, channels-last (written in place, no copy) or NCHW. Never a view: an autograd function's
    /// output may then be changed in place by the layer after it (an in-place LeakyReLU).
    /// </summary>
    public static Tensor Product(Tensor left, Tensor right, long batch, long height, long width, bool channelsLast)
    {
        long channels = right.shape[1];
        var picture = Empty(batch, channels, height, width, left.dtype, left.device, channelsLast);
        if (channelsLast)
            picture.permute(0, 2, 3, 1).view(-1, channels).addmm_(left, right, beta: 0);
        else
            picture.copy_(left.matmul(right).view(batch, height, width, channels).permute(0, 3, 1, 2));
        return picture;
    }

    static Tensor Empty(long batch, long channels, long height, long width, ScalarType dtype, Device device, bool channelsLast) =>
        channelsLast
            ? empty_strided([batch, channels, height, width], [height * width * channels, 1, width * channels, channels], dtype: dtype, device: device)
            : empty([batch, channels, height, width], dtype: dtype, device: device);

    /// <summary>A picture's pixels as rows ((B·H·W) × C): a view of a channels-last tensor, else a copy.</summary>
    public static Tensor Rows(Tensor picture) => picture.permute(0, 2, 3, 1).reshape(-1, picture.shape[1]);
}
