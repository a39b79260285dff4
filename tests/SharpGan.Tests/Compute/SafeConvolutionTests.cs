using SharpGan.Compute;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Tests.Compute;

/// <summary>
/// Every kind of convolution SharpGan's networks make, computed with the allocator full of garbage, against fp64:
/// outputs, input gradients and weight gradients. Before SafeConvolution, libtorch's own kernels failed this for G's
/// first layer, D's last, 3-channel and 8-channel layers and strided depthwise filters (in fp32 NCHW, and in bf16
/// either layout), on the CPUs of this project.
/// </summary>
public class SafeConvolutionTests
{
    public record Shape(bool Transposed, long In, long Out, long Side, long Kernel, long Stride, long Padding, long Groups = 1, long OutputPadding = 0)
    {
        public override string ToString() =>
            $"{(Transposed ? "transposed " : "")}{In}→{Out} at {Side} px, k{Kernel} s{Stride} p{Padding}{(Groups > 1 ? $" g{Groups}" : "")}{(OutputPadding > 0 ? $" op{OutputPadding}" : "")}";
    }

    public static TheoryData<Shape> Shapes => new()
    {
        new(true, 100, 64, 1, 4, 1, 0),          // G's first layer: noise to 4×4
        new(true, 64, 32, 4, 4, 2, 1),           // G's middle layers
        new(true, 64, 3, 16, 4, 2, 1),           // G's last: to RGB
        new(true, 32, 16, 8, 5, 2, 2, OutputPadding: 1),   // dcgan-5x5
        new(false, 3, 64, 32, 4, 2, 1),          // D's first: from RGB
        new(false, 8, 16, 16, 4, 2, 1),          // 8 filters wide
        new(false, 9, 16, 16, 4, 2, 1),          // the mask-conditioned pair: the mask joins every block
        new(true, 33, 16, 4, 4, 2, 1),
        new(false, 64, 1, 4, 4, 1, 0),           // D's last: 4×4 to one score
        new(false, 64, 16, 4, 4, 1, 0),          // a class head
        new(false, 64, 128, 8, 1, 1, 0),         // R3GAN's 1×1 convolutions
        new(false, 64, 64, 8, 3, 1, 1, Groups: 4),    // R3GAN's grouped 3×3
        new(false, 16, 1, 8, 1, 1, 0),           // a 1×1 head
        new(false, 16, 3, 16, 3, 1, 1),          // SRResNet's and the U-Net's last
        new(false, 3, 16, 16, 3, 1, 1),
        new(false, 8, 24, 8, 3, 1, 1),
        new(false, 32, 8, 8, 3, 1, 1),
        new(false, 32, 32, 8, 4, 2, 1, Groups: 32),   // the low-pass downsample
        new(true, 32, 32, 8, 4, 2, 1, Groups: 32),    // and upsample
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_convolution_computes_its_inputs_alone(Shape shape)
    {
        using var _ = NewDisposeScope();
        manual_seed(1);
        var weight = (shape.Transposed ? randn(shape.In, shape.Out / shape.Groups, shape.Kernel, shape.Kernel)
            : randn(shape.Out, shape.In / shape.Groups, shape.Kernel, shape.Kernel)) * 0.05;
        var input = randn(3, shape.In, shape.Side, shape.Side);
        var (reference, referenceGradInput, referenceGradWeight, outputGrad) = Reference(shape, input, weight);
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
            foreach (var channelsLast in new[] { false, true })
                for (int round = 0; round < 2; round++)
                {
                    using var __ = NewDisposeScope();
                    FillFreedMemoryWithGarbage();
                    var x = Layout(input.to_type(dtype), channelsLast).requires_grad_(true);
                    var w = Layout(weight.to_type(dtype), channelsLast).requires_grad_(true);
                    Tensor Convolve() => shape.Transposed
                        ? SafeConvolution.ConvTranspose2d(x, w, shape.Stride, shape.Padding, shape.OutputPadding, shape.Groups)
                        : SafeConvolution.Conv2d(x, w, shape.Stride, shape.Padding, shape.Groups);
                    Tensor sampled;
                    using (no_grad())
                        sampled = Convolve();   // sampling's path: fp32 keeps the plain kernels' rounding where they are right
                    var y = Convolve();
                    (y * outputGrad.to_type(dtype)).sum().backward();
                    // bf16 keeps 8 bits of mantissa: sums of hundreds of its products stay within 5 % of the largest value
                    double tolerance = dtype == ScalarType.BFloat16 ? 0.05 : 1e-4;
                    string where = $"{shape}, {dtype}, {(channelsLast ? "channels-last" : "NCHW")}";
                    AssertClose(reference, y, tolerance, $"output of {where}");
                    AssertClose(reference, sampled, tolerance, $"output without autograd of {where}");
                    AssertClose(referenceGradInput, x.grad!, tolerance, $"input gradient of {where}");
                    AssertClose(referenceGradWeight, w.grad!, tolerance, $"weight gradient of {where}");
                    Assert.Equal(dtype, y.dtype);
                    Assert.Equal(reference.shape, y.shape);
                }
    }

    [Fact]
    public void A_channels_last_network_stays_channels_last_through_the_routed_layers()
    {
        using var _ = NewDisposeScope();
        var noise = randn(4, 100, 1, 1);
        var first = ComputePolicy.ToChannelsLast(randn(100, 64, 4, 4));
        Assert.True(ComputePolicy.IsChannelsLast(SafeConvolution.ConvTranspose2d(noise, first, 1, 0)));
        var images = ComputePolicy.ToChannelsLast(randn(4, 3, 32, 32));
        var fromRgb = ComputePolicy.ToChannelsLast(randn(64, 3, 4, 4));
        Assert.True(ComputePolicy.IsChannelsLast(SafeConvolution.Conv2d(images, fromRgb, 2, 1)));
    }

    static (Tensor Output, Tensor GradInput, Tensor GradWeight, Tensor OutputGrad) Reference(Shape shape, Tensor input, Tensor weight)
    {
        var x = input.to_type(ScalarType.Float64).requires_grad_(true);
        var w = weight.to_type(ScalarType.Float64).requires_grad_(true);
        var y = shape.Transposed
            ? F.conv_transpose2d(x, w, strides: [shape.Stride, shape.Stride], padding: [shape.Padding, shape.Padding],
                output_padding: [shape.OutputPadding, shape.OutputPadding], groups: shape.Groups)
            : F.conv2d(x, w, strides: [shape.Stride, shape.Stride], padding: [shape.Padding, shape.Padding], groups: shape.Groups);
        var outputGrad = randn(y.shape, dtype: ScalarType.Float64);
        (y * outputGrad).sum().backward();
        return (y.detach(), x.grad!, w.grad!, outputGrad);
    }

    /// <summary>Freed blocks of many sizes left holding large values and NaN, as a long run's allocator holds old activations.</summary>
    static void FillFreedMemoryWithGarbage()
    {
        using var _ = NewDisposeScope();
        foreach (long size in new long[] { 1 << 10, 1 << 14, 1 << 16, 1 << 18, 1 << 20 })
        {
            randn(size).mul_(1000);
            full(size, float.NaN, dtype: ScalarType.BFloat16);
        }
    }

    static Tensor Layout(Tensor t, bool channelsLast) => channelsLast ? ComputePolicy.ToChannelsLast(t) : t.clone();

    static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        double scale = expected.abs().max().item<double>();
        double error = (actual.to_type(ScalarType.Float64) - expected).abs().max().item<double>() / scale;
        Assert.True(error < tolerance, $"{what}: largest error {error:g3} of the largest value (allowed {tolerance:g2})");
    }
}
