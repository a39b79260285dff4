using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>
/// The training set's object masks, from which a mask-conditioned G is given masks at random (the flower GAN): it then
/// learns the joint distribution of pictures and masks rather than the pairing of one picture with its own mask.
/// </summary>
public sealed class MaskPool : IDisposable
{
    readonly Tensor masks;   // N × 1 × S × S bytes, 0 or 255

    public int Count => (int)masks.shape[0];
    public int Size => (int)masks.shape[2];

    MaskPool(Tensor masks) => this.masks = masks;

    /// <summary>The masks of a set loaded with data.masks (its alpha planes).</summary>
    public static MaskPool From(ImageSet images)
    {
        using var _ = NewDisposeScope();
        return new MaskPool(torch.tensor(images.AlphaPlanes(), [images.Count, 1, images.Size, images.Size]).MoveToOuterDisposeScope());
    }

    /// <summary><paramref name="count"/> masks drawn uniformly with replacement, as floats in {0, 1}.</summary>
    public Tensor Sample(long count, Generator? generator = null) =>
        masks.index_select(0, randint(Count, [count], generator: generator)).to_type(ScalarType.Float32).div_(255.0);

    public void Dispose() => masks.Dispose();
}
