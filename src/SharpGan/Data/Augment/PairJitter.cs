using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Data.Augment;

/// <summary>
/// Pix2pix's random jitter (Isola et al. 2017, §6.2): both halves of a pair resized up (256 → 286 in the paper, the
/// same 1.117 ratio at any size), cropped back at one random place per pair, and mirrored together half the time —
/// the input and its target always get the same crop and flip, or the pair would no longer line up.
/// </summary>
internal static class PairJitter
{
    /// <summary>The paper's 286 / 256.</summary>
    public const double UpscaleRatio = 286.0 / 256.0;

    public static (Tensor Input, Tensor Target) Apply(Tensor input, Tensor target, Generator? random = null)
    {
        long size = input.shape[2], up = (long)Math.Round(size * UpscaleRatio);
        var both = F.interpolate(cat([input, target], 1), [up, up], mode: InterpolationMode.Bilinear, align_corners: false);
        long batch = both.shape[0];
        var offsets = randint(up - size + 1, [batch, 2], generator: random).data<long>().ToArray();
        var crops = Enumerable.Range(0, (int)batch)
            .Select(i => both[i].narrow(1, offsets[2 * i], size).narrow(2, offsets[2 * i + 1], size)).ToArray();
        var cropped = stack(crops);
        var flip = rand([batch], generator: random).lt(0.5).view(-1, 1, 1, 1).to(cropped.device);
        cropped = where(flip, cropped.flip(3), cropped);
        long channels = input.shape[1];
        return (cropped.narrow(1, 0, channels), cropped.narrow(1, channels, target.shape[1]));
    }
}
