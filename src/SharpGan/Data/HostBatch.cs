using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>A batch still in managed memory: RGB planes and alpha planes of <see cref="Count"/> images, with class
/// indices when labelled, multi-hot tag rows (Count × T, row-major) when tagged, or the inputs' RGB planes when the
/// images are pix2pix targets.</summary>
public sealed record HostBatch(byte[] Rgb, byte[] Alpha, int Count, int Size, long[]? Labels = null, float[]? Tags = null, byte[]? InputRgb = null)
{
    /// <summary>Tensors in the current dispose scope: images (and inputs) scaled to [-1, 1], masks to [0, 1], class
    /// indices when labelled, tags (B×T) when tagged.</summary>
    public Batch ToBatch()
    {
        // torch.tensor copies the managed arrays.
        using var pixels = torch.tensor(Rgb, [Count, 3, Size, Size]);
        using var alpha = torch.tensor(Alpha, [Count, 1, Size, Size]);
        return new Batch(Signed(pixels), alpha.to_type(ScalarType.Float32).div_(255.0),
            Labels is null ? null : torch.tensor(Labels), Tags is null ? null : torch.tensor(Tags, [Count, Tags.Length / Count]),
            InputRgb is null ? null : Signed(torch.tensor(InputRgb, [Count, 3, Size, Size])));
    }

    static Tensor Signed(Tensor bytes) => bytes.to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
}
