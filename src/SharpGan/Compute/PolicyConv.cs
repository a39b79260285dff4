using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>
/// A bias-free 2-d convolution, or transposed convolution, holding its fp32 weight (named <c>weight</c>, as
/// nn.Conv2d names it) and computing on the policy's copy of it.
/// </summary>
internal sealed class PolicyConv : nn.Module<Tensor, Tensor>, IComputeLayer
{
    readonly Parameter weight;
    readonly bool transposed;
    readonly long stride, padding, outputPadding, groups;

    public ComputePolicy Policy { get; set; } = ComputePolicy.Fp32Nchw;

    PolicyConv(long inChannels, long outChannels, long kernel, long stride, long padding, bool transposed, long outputPadding = 0, long groups = 1) : base(transposed ? "ConvTranspose2d" : "Conv2d")
    {
        this.transposed = transposed;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.groups = groups;
        // PyTorch's shapes: out×(in/groups)×k×k for a convolution, in×out×k×k for a transposed one.
        weight = new Parameter(transposed ? empty(inChannels, outChannels, kernel, kernel) : empty(outChannels, inChannels / groups, kernel, kernel));
        using (no_grad())
            nn.init.normal_(weight, 0, 0.02);
        RegisterComponents();
    }

    /// <param name="groups">Channel groups convolved apart (both channel counts divisible by it): R3GAN's grouped 3×3
    /// convolutions, or one group per channel for a depthwise one.</param>
    public static PolicyConv Conv2d(long inChannels, long outChannels, long kernel, long stride, long padding, long groups = 1) =>
        new(inChannels, outChannels, kernel, stride, padding, transposed: false, groups: groups);

    /// <param name="outputPadding">Extra rows and columns on one side of the output: an odd kernel (5×5, padding 2)
    /// at stride 2 needs 1 to double the side exactly, as TensorFlow's "same" padding does.</param>
    public static PolicyConv ConvTranspose2d(long inChannels, long outChannels, long kernel, long stride, long padding, long outputPadding = 0) =>
        new(inChannels, outChannels, kernel, stride, padding, transposed: true, outputPadding);

    public Parameter Weight => weight;
    public bool Transposed => transposed;
    public long Stride => stride;
    public long Padding => padding;
    public long OutputPadding => outputPadding;
    public long Groups => groups;

    public override Tensor forward(Tensor input)
    {
        var x = Policy.Activation(input);
        var w = WeightCopies.Of(weight, Policy);
        return transposed
            ? SafeConvolution.ConvTranspose2d(x, w, stride, padding, outputPadding)
            : SafeConvolution.Conv2d(x, w, stride, padding, groups);
    }
}
