using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>
/// How the networks compute: memory layout (NCHW or channels-last) and arithmetic (fp32, or bf16 mixed precision).
/// Parameters, optimiser state, BatchNorm statistics and checkpoints stay fp32 NCHW whatever the policy: each
/// convolution computes on a copy of its weight made for the policy in one pass (cast and/or re-laid), the way
/// PyTorch's autocast casts weights, once per training phase (<see cref="WeightCopies"/>); gradients flow back through
/// that copy into the fp32 master.
/// (TorchSharp serialises only contiguous tensors, so re-laying the parameters themselves would break checkpoints
/// and optimiser state.)
/// </summary>
public sealed record ComputePolicy(bool ChannelsLast, bool Bf16)
{
    public static readonly ComputePolicy Fp32Nchw = new(false, false);

    /// <summary>The dtype convolutions and matmuls run in.</summary>
    public ScalarType Dtype => Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    public string Precision => Bf16 ? "bf16" : "fp32";
    public string Layout => ChannelsLast ? "channels-last" : "nchw";

    public override string ToString() => $"{Precision} {Layout}";

    /// <summary>The copy of a 4-d weight a convolution computes with (the weight itself under fp32 NCHW).</summary>
    public Tensor Weight(Tensor weight)
    {
        using var _ = StepProfile.Time("of which (in forwards): weight copies and casts");
        return ChannelsLast
            ? weight.permute(0, 2, 3, 1).to_type(Dtype).contiguous().permute(0, 3, 1, 2)
            : weight.to_type(Dtype);
    }

    /// <summary>A batch going into a network: re-laid once, so every layer after it stays channels-last.</summary>
    public Tensor Input(Tensor images) => ChannelsLast && images.dim() == 4 ? ToChannelsLast(images) : images;

    /// <summary>An activation entering a convolution, in the compute dtype (a no-op after the first layer).</summary>
    public Tensor Activation(Tensor x) => x.dtype == Dtype ? x : x.to_type(Dtype);

    /// <summary>A network's output back in fp32 for losses, penalties, metrics and pictures.</summary>
    public static Tensor Fp32(Tensor x) => x.dtype == ScalarType.Float32 ? x : x.to_type(ScalarType.Float32);

    /// <summary>TorchSharp 0.107 has no memory_format API: this permute-copy-permute is an NCHW-shaped tensor with NHWC strides.</summary>
    public static Tensor ToChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    public static bool IsChannelsLast(Tensor x) => x.dim() == 4 && x.stride(1) == 1 && x.shape[1] > 1;
}
