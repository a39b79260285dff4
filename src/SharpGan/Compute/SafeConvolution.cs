using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Compute;

/// <summary>
/// Every convolution of SharpGan's networks, computed so that its result depends only on its inputs. libtorch 2.10's
/// CPU convolutions (oneDNN) read memory they never wrote for some shapes: their outputs or input gradients change
/// with whatever the allocator last held there (tests/…/Compute/SafeConvolutionTests poisons the allocator and
/// compares against fp64). Measured on an AMD EPYC with avx512_bf16, and with oneDNN held to AVX2 or AVX-512 without
/// bf16: a transposed convolution from a 1×1 input (G's first layer) wrong in fp32 and bf16 NCHW, the input gradient
/// of a convolution with 1, 3 or 8 output channels (D's last layer, the gradient G gets through D) wrong in fp32 NCHW
/// and in bf16 either layout, and in bf16 a 3-channel input's gradient and depthwise strided ones. In bf16 NCHW that
/// made the README's main job stop on NaN within its first epochs; elsewhere it adds garbage silently. What is
/// routed around it, each verified by that test:
/// <list type="bullet">
/// <item>a kernel that covers its whole unpadded input (a 1×1 input of a transposed convolution, or a 1×1 output) is a
/// matrix product, which it is;</item>
/// <item>fewer than 16 channels are computed as patches × weights (<see cref="PatchConv2d"/>), which never calls the
/// kernels; other channel counts that are not multiples of 16 are zero-padded to 16 (zero filters and zero inputs add
/// nothing) and the output cut back, under bf16 and wherever a gradient will be taken;</item>
/// <item>a grouped convolution under bf16 whose groups are not whole blocks of 16 channels (the low-pass resampler's
/// depthwise filter) computes in fp32.</item>
/// </list>
/// Under bf16, a deep layer's weight gradient is also computed as one matrix product, faster there than oneDNN's
/// kernel (<see cref="PatchWeightGradConv2d"/>). Both are autograd functions of SharpGan's own, whose backwards
/// compute with differentiable operations on tensors that keep their history, so a gradient penalty back-propagates
/// through them as through libtorch's own.
/// </summary>
internal static class SafeConvolution
{
    /// <summary>oneDNN's channel block on these CPUs: counts that are multiples of it measured right.</summary>
    const long ChannelBlock = 16;

    [ThreadStatic] static bool kernelsAlone;

    // NNPACK is a third kernel family, chosen per CPU, that SafeConvolutionTests never saw (and that floods stderr
    // where it does not know the CPU): off before the first convolution.
    static SafeConvolution() => Native.NnpackSwitch.EnsureOff();

    /// <param name="weight">out × in/groups × k × k.</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, long stride, long padding, long groups = 1)
    {
        if (groups > 1)
            return Grouped(input, weight, weight.shape[1], (x, w) => F.conv2d(x, w, strides: [stride, stride], padding: [padding, padding], groups: groups));
        long inChannels = weight.shape[1], outChannels = weight.shape[0];
        switch (Route(input, weight, stride, padding, transposed: false))
        {
            case ConvolutionRoute.Product:
                return input.flatten(1).matmul(weight.flatten(1).t()).view(input.shape[0], outChannels, 1, 1);
            case ConvolutionRoute.Kernel:
                return F.conv2d(input, weight, strides: [stride, stride], padding: [padding, padding]);
            case ConvolutionRoute.Patches:
                return PatchConv2d.Compute(input, weight, stride, padding);
            case ConvolutionRoute.PatchWeightGradient:
                return PatchWeightGradConv2d.Compute(input, weight, stride, padding);
        }
        long paddedIn = Padded(inChannels);
        var x = PadChannels(input, 1, paddedIn);
        var w = PadChannels(PadChannels(weight, 0, Padded(outChannels)), 1, paddedIn);
        var y = F.conv2d(x, w, strides: [stride, stride], padding: [padding, padding]);
        return Cut(y, outChannels);
    }

    /// <param name="weight">in × out/groups × k × k.</param>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, long stride, long padding, long outputPadding = 0, long groups = 1)
    {
        if (groups > 1)
            return Grouped(input, weight, weight.shape[0] / groups, (x, w) => F.conv_transpose2d(x, w, strides: [stride, stride], padding: [padding, padding],
                output_padding: [outputPadding, outputPadding], groups: groups));
        long inChannels = weight.shape[0], outChannels = weight.shape[1], kh = weight.shape[2], kw = weight.shape[3];
        switch (Route(input, weight, stride, padding, transposed: true, outputPadding))
        {
            case ConvolutionRoute.Product:
                var y = input.flatten(1).matmul(weight.reshape(inChannels, -1)).view(input.shape[0], outChannels, kh, kw);
                // The next layers of a channels-last network expect its layout (the weight copy says which it is).
                return ComputePolicy.IsChannelsLast(weight) ? ComputePolicy.ToChannelsLast(y) : y;
            case ConvolutionRoute.Kernel:
                return F.conv_transpose2d(input, weight, strides: [stride, stride], padding: [padding, padding], output_padding: [outputPadding, outputPadding]);
            case ConvolutionRoute.Patches:
                return PatchConvTranspose2d.Compute(input, weight, stride, padding, outputPadding);
            case ConvolutionRoute.PatchWeightGradient:
                return PatchWeightGradConvTranspose2d.Compute(input, weight, stride, padding, outputPadding);
        }
        long paddedIn = Padded(inChannels);
        var x = PadChannels(input, 1, paddedIn);
        var w = PadChannels(PadChannels(weight, 0, paddedIn), 1, Padded(outChannels));
        var output = F.conv_transpose2d(x, w, strides: [stride, stride], padding: [padding, padding], output_padding: [outputPadding, outputPadding]);
        return Cut(output, outChannels);
    }

    /// <summary>How a convolution (not grouped) is computed, decided from its shapes, dtype and autograd's needs alone.</summary>
    internal static ConvolutionRoute Route(Tensor input, Tensor weight, long stride, long padding, bool transposed, long outputPadding = 0)
    {
        // Dimension 1 of the weight holds a convolution's inputs and a transposed one's outputs: the channels a patch
        // gathers (a transposed one's from its output gradient) and the ones oneDNN would have padded to a block.
        long patchChannels = weight.shape[1], otherChannels = weight.shape[0];
        bool covers = transposed
            ? padding == 0 && outputPadding == 0 && input.shape[2] == 1 && input.shape[3] == 1
            : padding == 0 && input.shape[2] == weight.shape[2] && input.shape[3] == weight.shape[3];
        if (covers) return ConvolutionRoute.Product;
        if (!Pads(input)) return ConvolutionRoute.Kernel;
        if (!kernelsAlone && patchChannels < ChannelBlock) return ConvolutionRoute.Patches;
        long positions = transposed
            ? input.shape[0] * input.shape[2] * input.shape[3]
            : input.shape[0] * Patches.Positions(input.shape[2], weight.shape[2], stride, padding) * Patches.Positions(input.shape[3], weight.shape[3], stride, padding);
        if (!kernelsAlone && input.dtype == ScalarType.BFloat16 && weight.requires_grad && is_grad_enabled()
            && patchChannels % ChannelBlock == 0 && otherChannels % ChannelBlock == 0 && positions <= 2 * patchChannels * weight.shape[2] * weight.shape[3])
            return ConvolutionRoute.PatchWeightGradient;
        return ConvolutionRoute.Padded;
    }

    /// <summary>Until disposed, this thread's convolutions take libtorch's kernels alone (padded where they need it),
    /// as before the patch routes: for <c>bench --profile</c> to time both (ConvolutionRouteBench).</summary>
    internal static IDisposable KernelsAlone()
    {
        kernelsAlone = true;
        return new Restore();
    }

    sealed class Restore : IDisposable
    {
        public void Dispose() => kernelsAlone = false;
    }

    static long Padded(long channels) => (channels + ChannelBlock - 1) / ChannelBlock * ChannelBlock;

    /// <summary>Whether channel counts are padded: always under bf16, whose forwards fail too; in fp32 only where a
    /// gradient will be taken, since fp32 forwards measured right and padding changes their rounding (sampling and
    /// exports then compute as before: an exported pix2pix with instance norm, 8 filters wide, drifts from ONNX Runtime
    /// by 5.7e-5 on the plain kernels and by 1.0e-4 padded).</summary>
    static bool Pads(Tensor input) => input.dtype == ScalarType.BFloat16 || is_grad_enabled();

    /// <summary>Zeros appended along <paramref name="dim"/> up to <paramref name="size"/>, in the tensor's layout.</summary>
    static Tensor PadChannels(Tensor t, long dim, long size)
    {
        if (t.shape[dim] == size) return t;
        var shape = (long[])t.shape.Clone();
        shape[dim] = size - t.shape[dim];
        var padded = cat([t, zeros(shape, dtype: t.dtype, device: t.device)], dim);
        return ComputePolicy.IsChannelsLast(t) && !ComputePolicy.IsChannelsLast(padded) ? ComputePolicy.ToChannelsLast(padded) : padded;
    }

    static Tensor Cut(Tensor y, long channels) => y.shape[1] == channels ? y : y.narrow(1, 0, channels);

    /// <summary>A grouped convolution, in fp32 under bf16 unless its groups are whole channel blocks (R3GAN's
    /// grouped 3×3 convolutions are, and measured right in bf16).</summary>
    static Tensor Grouped(Tensor input, Tensor weight, long channelsPerGroup, Func<Tensor, Tensor, Tensor> convolution)
    {
        if (input.dtype != ScalarType.BFloat16 || channelsPerGroup % ChannelBlock == 0)
            return convolution(input, weight);
        if (!ComputePolicy.IsChannelsLast(input))
            return convolution(ComputePolicy.Fp32(input), ComputePolicy.Fp32(weight)).to_type(ScalarType.BFloat16);
        // In NCHW: oneDNN's fp32 depthwise kernels for channels-last took R3GAN's step to half its speed.
        var output = convolution(ComputePolicy.Fp32(input).contiguous(), ComputePolicy.Fp32(weight).contiguous());
        return ComputePolicy.ToChannelsLast(output.to_type(ScalarType.BFloat16));
    }
}

/// <summary>How <see cref="SafeConvolution"/> computes a convolution that is not grouped.</summary>
internal enum ConvolutionRoute
{
    /// <summary>libtorch's kernel as it is (fp32 without autograd, where its forwards measured right).</summary>
    Kernel,
    /// <summary>A kernel that covers its whole unpadded input: the matrix product it is.</summary>
    Product,
    /// <summary>libtorch's kernel, channels that are not whole blocks zero-padded to them and the output cut back.</summary>
    Padded,
    /// <summary>Patches × weights, forward and both gradients (<see cref="PatchConv2d"/>).</summary>
    Patches,
    /// <summary>libtorch's kernel, the weight gradient by patches (<see cref="PatchWeightGradConv2d"/>).</summary>
    PatchWeightGradient,
}
