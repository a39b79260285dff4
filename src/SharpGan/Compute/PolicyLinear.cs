using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Compute;

/// <summary>
/// A dense layer (with bias, named <c>weight</c> and <c>bias</c> as nn.Linear names them) that multiplies in the
/// policy's dtype: under bf16 the activations arriving from a <see cref="PolicyConv"/> are bf16, and an fp32
/// nn.Linear would refuse them. Takes any input whose dimensions after the first flatten to <c>inFeatures</c>.
/// </summary>
internal sealed class PolicyLinear : nn.Module<Tensor, Tensor>, IComputeLayer
{
    readonly Parameter weight, bias;

    public ComputePolicy Policy { get; set; } = ComputePolicy.Fp32Nchw;

    public PolicyLinear(long inFeatures, long outFeatures) : base("Linear")
    {
        weight = new Parameter(empty(outFeatures, inFeatures));
        bias = new Parameter(zeros(outFeatures));
        using (no_grad())
            nn.init.normal_(weight, 0, 0.02);
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter Bias => bias;

    public override Tensor forward(Tensor input)
    {
        var x = Policy.Activation(input.flatten(1));
        return F.linear(x, weight.to_type(x.dtype), bias.to_type(x.dtype));
    }
}
