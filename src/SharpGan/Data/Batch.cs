using SharpGan.Compute;
using TorchSharp;

namespace SharpGan.Data;

/// <summary>One training batch: images in [-1, 1] (B×3×S×S) and object masks in [0, 1] (B×1×S×S, from alpha); class
/// indices (B, int64) when labelled, multi-hot tags (B×T, float) when tagged; for pix2pix the inputs (B×3×S×S in
/// [-1, 1]) whose targets the images are.</summary>
public sealed record Batch(torch.Tensor Images, torch.Tensor Masks, torch.Tensor? Labels = null, torch.Tensor? Tags = null, torch.Tensor? Inputs = null)
{
    public long Size => Images.shape[0];

    /// <summary>The batch on <paramref name="device"/> (itself when already there), in the current dispose scope.</summary>
    public Batch To(torch.Device device) => ComputeDevice.Same(Images.device, device) ? this : new Batch(Images.to(device), Masks.to(device),
        Labels?.to(device), Tags?.to(device), Inputs?.to(device));
}
