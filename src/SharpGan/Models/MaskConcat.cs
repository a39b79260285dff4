using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// The flower GAN's location constraint: the object mask, shrunk to a layer's spatial size, joins that layer's input as
/// one more channel. G gets it at every layer; D only at the layers whose input side is in a chosen set (4, 8, 16 by
/// default), so its first layers judge the picture alone.
/// </summary>
internal static class MaskConcat
{
    /// <summary>G's layers with one more input channel each.</summary>
    public static IReadOnlyList<ConvLayer> Generator(IReadOnlyList<ConvLayer> layers) =>
        layers.Select(l => l with { InChannels = l.InChannels + 1 }).ToList();

    /// <summary>D's layers with one more input channel where the input side is in <paramref name="sizes"/>.</summary>
    public static IReadOnlyList<ConvLayer> Discriminator(IReadOnlyList<ConvLayer> layers, IReadOnlyCollection<int> sizes) =>
        layers.Select(l => sizes.Contains(l.InSize) ? l with { InChannels = l.InChannels + 1 } : l).ToList();

    /// <summary>
    /// <paramref name="x"/> with the mask (B×1×S×S in [0, 1]) appended as a channel at x's side: the share of each
    /// cell the object covers (area averaging; 1×1 is the object's area), in x's dtype.
    /// </summary>
    public static Tensor Append(Tensor x, Tensor mask)
    {
        long side = x.shape[2];
        var shrunk = mask.shape[2] == side ? mask : F.adaptive_avg_pool2d(mask, [side, side]);
        return cat([x, shrunk.to_type(x.dtype)], 1);
    }
}
