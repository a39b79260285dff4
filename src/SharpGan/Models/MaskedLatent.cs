using SharpGan.Config;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// A mask-conditioned generator's input as one tensor, B × (C·h·w + S·S): the latent noise, then the mask, both
/// flattened. One tensor keeps everything built around "G maps one input to images" working unchanged: the fixed
/// noise of the grid and its checkpointing, the EMA copy, sampling in batches.
/// </summary>
internal static class MaskedLatent
{
    public static Tensor Pack(Tensor noise, Tensor masks) => cat([noise.flatten(1), masks.flatten(1)], 1);

    public static (Tensor Noise, Tensor Masks) Unpack(Tensor packed, LatentShape latent, int imageSize)
    {
        long batch = packed.shape[0], noiseLength = (long)latent.Channels * latent.Size * latent.Size;
        var noise = packed.narrow(1, 0, noiseLength).view(latent.BatchShape(batch));
        var masks = packed.narrow(1, noiseLength, (long)imageSize * imageSize).view(batch, 1, imageSize, imageSize);
        return (noise, masks);
    }
}
