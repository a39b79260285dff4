using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// Projected GAN's fixed random projections of a pretrained trunk's four feature maps (Sauer et al. 2021): a 1×1
/// convolution per map to 64, 128, 256 and 512 channels (cross-channel mixing), then, from the deepest map up, each
/// added to the one above after a bilinear ×2 upsampling and a 1×1 convolution that halves its channels (cross-scale
/// mixing). Out come four maps of 64, 64, 128 and 256 channels at twice the trunk's sides. Drawn once from torch's
/// generator, as PyTorch's Conv2d initialises (uniform within ±1/√fan-in) and never trained: the paper's finding is
/// that random, untrained mixing keeps D from attending to a few of the trunk's features. They are buffers, so a
/// checkpoint carries the very projections D was trained with.
/// </summary>
internal sealed class RandomProjections : nn.Module
{
    public static readonly long[] MixedChannels = [64, 128, 256, 512];
    /// <summary>Channels of the four outputs, shallowest first: the top fusion keeps its 64, the others halve.</summary>
    public static readonly long[] OutputChannels = [64, 64, 128, 256];

    readonly Tensor w0, b0, w1, b1, w2, b2, w3, b3;          // cross-channel mixing
    readonly Tensor fw0, fb0, fw1, fb1, fw2, fb2, fw3, fb3;  // cross-scale fusion

    public RandomProjections(IReadOnlyList<long> trunkChannels) : base(nameof(RandomProjections))
    {
        if (trunkChannels.Count != 4) throw new ArgumentException("four trunk maps expected", nameof(trunkChannels));
        (w0, b0) = Conv1x1(trunkChannels[0], MixedChannels[0]);
        (w1, b1) = Conv1x1(trunkChannels[1], MixedChannels[1]);
        (w2, b2) = Conv1x1(trunkChannels[2], MixedChannels[2]);
        (w3, b3) = Conv1x1(trunkChannels[3], MixedChannels[3]);
        (fw3, fb3) = Conv1x1(MixedChannels[3], OutputChannels[3]);
        (fw2, fb2) = Conv1x1(MixedChannels[2], OutputChannels[2]);
        (fw1, fb1) = Conv1x1(MixedChannels[1], OutputChannels[1]);
        (fw0, fb0) = Conv1x1(MixedChannels[0], OutputChannels[0]);
        RegisterComponents();
    }

    static (Tensor Weight, Tensor Bias) Conv1x1(long inChannels, long outChannels)
    {
        double bound = 1 / Math.Sqrt(inChannels);
        return (empty(outChannels, inChannels, 1, 1).uniform_(-bound, bound), empty(outChannels).uniform_(-bound, bound));
    }

    /// <summary>The four trunk maps (shallowest first, each half the side of the one before) → four mixed maps.</summary>
    public Tensor[] Mix(IReadOnlyList<Tensor> maps)
    {
        var c0 = F.conv2d(maps[0], w0, b0);
        var c1 = F.conv2d(maps[1], w1, b1);
        var c2 = F.conv2d(maps[2], w2, b2);
        var c3 = F.conv2d(maps[3], w3, b3);
        var s3 = Fuse(c3, fw3, fb3);
        var s2 = Fuse(s3.add(c2), fw2, fb2);
        var s1 = Fuse(s2.add(c1), fw1, fb1);
        var s0 = Fuse(s1.add(c0), fw0, fb0);
        return [s0, s1, s2, s3];
    }

    static Tensor Fuse(Tensor x, Tensor weight, Tensor bias) =>
        F.conv2d(F.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Bilinear, align_corners: true), weight, bias);
}
