using SharpGan.Config;

namespace SharpGan.Models;

/// <summary>One (transposed) convolution of a DCGAN: channels and spatial size in and out, and its geometry.</summary>
internal sealed record ConvLayer(int InChannels, int OutChannels, int InSize, int OutSize, int Kernel, int Stride, int Padding);

/// <summary>
/// The layer lists of a DCGAN, derived from the image size and latent shape alone (Radford et al.; the
/// pytorch/examples layout): 4×4 kernels, each stride-2 layer doubling (G) or halving (D) the side, and the
/// filter count doubling per halving of the side up to <c>max_multiplier</c>.
/// </summary>
internal static class DcganLayout
{
    public static IReadOnlyList<ConvLayer> Generator(ModelConfig m)
    {
        var latent = m.LatentShape;
        int size = m.ImageSize;
        var layers = new List<ConvLayer>();
        int side = latent.Size, channels = latent.Channels;
        if (side == 1)
        {
            // 1×1 noise: a 4×4 stride-1 transposed convolution "projects and reshapes" to 4×4.
            layers.Add(new ConvLayer(channels, Filters(m.Ngf, size, 4, m.MaxMultiplier), 1, 4, 4, 1, 0));
            side = 4;
            channels = layers[^1].OutChannels;
        }
        while (side < size)
        {
            int next = side * 2;
            int outChannels = next == size ? 3 : Filters(m.Ngf, size, next, m.MaxMultiplier);
            layers.Add(new ConvLayer(channels, outChannels, side, next, 4, 2, 1));
            side = next;
            channels = outChannels;
        }
        return layers;
    }

    public static IReadOnlyList<ConvLayer> Discriminator(ModelConfig m)
    {
        int size = m.ImageSize;
        var layers = new List<ConvLayer>();
        int side = size, channels = 3;
        while (side > 4)
        {
            int next = side / 2;
            int outChannels = Filters(m.Ndf, size, next, m.MaxMultiplier);
            layers.Add(new ConvLayer(channels, outChannels, side, next, 4, 2, 1));
            side = next;
            channels = outChannels;
        }
        layers.Add(new ConvLayer(channels, 1, 4, 1, 4, 1, 0));
        return layers;
    }

    /// <summary>Filters of the layer whose feature map has side <paramref name="side"/>: base × size / (2·side), capped.</summary>
    internal static int Filters(int baseFilters, int imageSize, int side, int maxMultiplier) =>
        baseFilters * Math.Min(maxMultiplier, imageSize / (2 * side));
}
