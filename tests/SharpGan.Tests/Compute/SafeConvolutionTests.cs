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
        new(false, 1, 16, 16, 4, 2, 1),          // a grey picture into D: patches × weights
        new(false, 3, 32, 8, 1, 1, 0),           // R3GAN's 1×1 from RGB, by patches
        new(true, 32, 3, 8, 5, 2, 2, OutputPadding: 1),    // dcgan-5x5's last, by patches
        new(false, 32, 32, 8, 4, 2, 1),          // a deep layer: its bf16 weight gradient by patches
        new(false, 32, 32, 7, 4, 2, 1),          // an odd side: the input gradient's extra row
        new(false, 16, 32, 8, 5, 2, 2),
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

    public static TheoryData<Shape> RoutedShapes => new()
    {
        new(false, 3, 16, 16, 4, 2, 1),          // patches × weights
        new(true, 16, 3, 8, 4, 2, 1),            // pixels × weights, scattered
        new(false, 32, 32, 8, 4, 2, 1),          // the weight gradient by patches (bf16)
        new(true, 32, 32, 4, 4, 2, 1),
    };

    [Fact]
    public void Each_layer_of_the_bench_dcgan_takes_its_route()
    {
        using var _ = NewDisposeScope();
        var policy = new ComputePolicy(ChannelsLast: true, Bf16: true);
        Tensor Input(long channels, long side) => policy.Activation(policy.Input(randn(64, channels, side, side)));
        Tensor Weight(long a, long b, long k = 4) => policy.Weight(randn(a, b, k, k).requires_grad_(true));
        ConvolutionRoute Conv(Tensor x, Tensor w) => SafeConvolution.Route(x, w, 2, 1, transposed: false);
        ConvolutionRoute Transposed(Tensor x, Tensor w) => SafeConvolution.Route(x, w, 2, 1, transposed: true);
        // D: from RGB by patches; the deep layers' weight gradients by patches, the 32 px one's by oneDNN; the head a product.
        Assert.Equal(ConvolutionRoute.Patches, Conv(Input(3, 64), Weight(64, 3)));
        Assert.Equal(ConvolutionRoute.Padded, Conv(Input(64, 32), Weight(128, 64)));
        Assert.Equal(ConvolutionRoute.PatchWeightGradient, Conv(Input(128, 16), Weight(256, 128)));
        Assert.Equal(ConvolutionRoute.PatchWeightGradient, Conv(Input(256, 8), Weight(512, 256)));
        Assert.Equal(ConvolutionRoute.Product, SafeConvolution.Route(Input(512, 4), Weight(1, 512), 1, 0, transposed: false));
        // G: the mirror.
        Assert.Equal(ConvolutionRoute.Product, SafeConvolution.Route(Input(100, 1), Weight(100, 512), 1, 0, transposed: true));
        Assert.Equal(ConvolutionRoute.PatchWeightGradient, Transposed(Input(512, 4), Weight(512, 256)));
        Assert.Equal(ConvolutionRoute.PatchWeightGradient, Transposed(Input(256, 8), Weight(256, 128)));
        Assert.Equal(ConvolutionRoute.Padded, Transposed(Input(128, 16), Weight(128, 64)));
        Assert.Equal(ConvolutionRoute.Patches, Transposed(Input(64, 32), Weight(64, 3)));
        // D frozen in G's phase: no weight gradient to route.
        Assert.Equal(ConvolutionRoute.Padded, Conv(Input(256, 8), policy.Weight(randn(512, 256, 4, 4))));
        // fp32: the patches where channels are few; sampling keeps the plain kernels.
        var fp32 = ComputePolicy.Fp32Nchw;
        Assert.Equal(ConvolutionRoute.Patches, Conv(randn(64, 3, 64, 64), fp32.Weight(randn(64, 3, 4, 4))));
        Assert.Equal(ConvolutionRoute.Padded, Conv(randn(64, 256, 8, 8), randn(512, 256, 4, 4).requires_grad_(true)));
        using (no_grad())
            Assert.Equal(ConvolutionRoute.Kernel, Conv(randn(64, 3, 64, 64), randn(64, 3, 4, 4)));
        using (SafeConvolution.KernelsAlone())
        {
            Assert.Equal(ConvolutionRoute.Padded, Conv(Input(3, 64), Weight(64, 3)));
            Assert.Equal(ConvolutionRoute.Padded, Conv(Input(256, 8), Weight(512, 256)));
        }
    }

    [Theory]
    [MemberData(nameof(RoutedShapes))]
    public void An_in_place_activation_may_follow_every_route(Shape shape)
    {
        using var _ = NewDisposeScope();
        foreach (var (dtype, channelsLast) in new[] { (ScalarType.BFloat16, true), (ScalarType.Float32, false) })
        {
            var x = Layout(randn(2, shape.In, shape.Side, shape.Side).to_type(dtype), channelsLast).requires_grad_(true);
            var w = Layout(WeightOf(shape).to_type(dtype), channelsLast).requires_grad_(true);
            var y = Routed(shape, x, w);
            Assert.Equal(channelsLast, ComputePolicy.IsChannelsLast(y) || shape.Out == 1);
            // An autograd function's output that is a view may not be changed in place (D's LeakyReLU does).
            F.leaky_relu(y, 0.2, inplace: true).sum().backward();
            Assert.True(x.grad!.isfinite().all().item<bool>() && w.grad!.isfinite().all().item<bool>(), $"{shape}, {dtype}");
        }
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(1, 0)]
    public void A_layer_by_patches_reads_a_slice_of_a_batch_as_its_own_pictures(long kernel, long padding)
    {
        using var _ = NewDisposeScope();
        var policy = new ComputePolicy(ChannelsLast: true, Bf16: false);
        var batch = policy.Input(randn(4, 3, 8, 8));
        var weight = policy.Weight(randn(16, 3, kernel, kernel)).requires_grad_(true);
        Assert.Equal(ConvolutionRoute.Patches, SafeConvolution.Route(batch, weight, 1, padding, transposed: false));
        var whole = SafeConvolution.Conv2d(batch, weight, 1, padding);
        var slice = SafeConvolution.Conv2d(batch.narrow(0, 2, 2), weight, 1, padding);
        AssertClose(whole.narrow(0, 2, 2).to_type(ScalarType.Float64), slice, 1e-6, $"pictures 3 and 4, k{kernel} p{padding}");
    }

    /// <summary>fp32 channels-last takes the patch routes, bf16 channels-last all four; each with the error it may have.</summary>
    static readonly (ComputePolicy Policy, double Tolerance)[] RoutedPolicies =
        [(new ComputePolicy(ChannelsLast: true, Bf16: false), 1e-5), (new ComputePolicy(ChannelsLast: true, Bf16: true), 0.05)];

    [Theory]
    [MemberData(nameof(RoutedShapes))]
    public void A_gradient_penalty_back_propagates_through_every_routed_layer(Shape shape)
    {
        using var _ = NewDisposeScope();
        manual_seed(3);
        var (master, points) = (WeightOf(shape) * 0.1, randn(2, shape.In, shape.Side, shape.Side));
        static Tensor Score(Tensor y) => y.to_type(ScalarType.Float64).square().flatten(1).sum(1);
        // fp64 with libtorch's own kernels, differentiable twice, is the reference.
        var reference = master.to_type(ScalarType.Float64).requires_grad_(true);
        SharpGan.Losses.ZeroCenteredPenalties.OfInputs(x => Score(Plain(shape, x.to_type(ScalarType.Float64), reference)), points, gamma: 1).backward();
        foreach (var (policy, tolerance) in RoutedPolicies)
        {
            var weight = master.clone().requires_grad_(true);
            SharpGan.Losses.ZeroCenteredPenalties.OfInputs(x => Score(Routed(shape, policy.Activation(policy.Input(x)), policy.Weight(weight))), points, gamma: 1).backward();
            AssertClose(reference.grad!, weight.grad!, tolerance, $"the penalty's weight gradient through {shape} under {policy}");
        }
    }

    [Theory]
    [MemberData(nameof(RoutedShapes))]
    public void A_weight_gradient_differentiates_again_with_respect_to_the_input(Shape shape)
    {
        using var _ = NewDisposeScope();
        manual_seed(4);
        var (master, points) = (WeightOf(shape) * 0.1, randn(2, shape.In, shape.Side, shape.Side));
        static Tensor InputGradOfWeightGradNorm(Tensor y, Tensor x, Tensor w)
        {
            var weightGrad = autograd.grad([y.to_type(ScalarType.Float64).square().sum()], [w], retain_graph: true, create_graph: true)[0];
            return autograd.grad([weightGrad.to_type(ScalarType.Float64).square().sum()], [x])[0];
        }
        var (x64, w64) = (points.to_type(ScalarType.Float64).requires_grad_(true), master.to_type(ScalarType.Float64).requires_grad_(true));
        var reference = InputGradOfWeightGradNorm(Plain(shape, x64, w64), x64, w64);
        foreach (var (policy, tolerance) in RoutedPolicies)
        {
            var x = policy.Activation(policy.Input(points)).detach().requires_grad_(true);
            var w = policy.Weight(master).detach().requires_grad_(true);
            AssertClose(reference, InputGradOfWeightGradNorm(Routed(shape, x, w), x, w), tolerance, $"∂‖∂y²/∂w‖²/∂x through {shape} under {policy}");
        }
    }

    static Tensor WeightOf(Shape shape) => shape.Transposed
        ? randn(shape.In, shape.Out, shape.Kernel, shape.Kernel)
        : randn(shape.Out, shape.In, shape.Kernel, shape.Kernel);

    static Tensor Routed(Shape shape, Tensor x, Tensor w) => shape.Transposed
        ? SafeConvolution.ConvTranspose2d(x, w, shape.Stride, shape.Padding)
        : SafeConvolution.Conv2d(x, w, shape.Stride, shape.Padding);

    static Tensor Plain(Shape shape, Tensor x, Tensor w) => shape.Transposed
        ? F.conv_transpose2d(x, w, strides: [shape.Stride], padding: [shape.Padding])
        : F.conv2d(x, w, strides: [shape.Stride], padding: [shape.Padding]);

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
