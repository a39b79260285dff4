using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Segmentation;

/// <summary>The one place a segmenter's training pairs are read.</summary>
public static class SegmentationData
{
    /// <summary>
    /// Images of <paramref name="folder"/> with their object masks in the alpha plane, binarised: a <c>masks/</c>
    /// folder or <c>NAME_mask</c> files when the folder has them, else each image's own alpha (<c>data.masks auto</c>).
    /// No flips here: training flips image and mask together on the fly.
    /// </summary>
    public static (ImageSet Pairs, DecodeReport Report) Load(string folder, int size, CancellationToken cancel = default) =>
        ImageFolder.Load(new DataConfig { Path = folder, Masks = "auto", FlipHorizontal = false }, size, cancel);
}
