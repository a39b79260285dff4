using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// A learnt per-channel offset, for a bias-free <see cref="Compute.PolicyConv"/> that no normalisation follows (a
/// norm's own shift does this job otherwise). Added in the activation's dtype, so it works under any compute policy.
/// </summary>
internal sealed class ChannelBias : nn.Module<Tensor, Tensor>
{
    readonly Parameter bias;

    public ChannelBias(long channels) : base(nameof(ChannelBias))
    {
        bias = new Parameter(zeros(channels));
        RegisterComponents();
    }

    public Parameter Bias => bias;

    public override Tensor forward(Tensor input) => input + bias.to_type(input.dtype).view(1, -1, 1, 1);
}
