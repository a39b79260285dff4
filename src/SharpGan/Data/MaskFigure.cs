using static TorchSharp.torch;

namespace SharpGan.Data;

/// <summary>
/// The flower GAN's figure: one row per mask — the generated picture, the mask it was asked for and, when known, the real
/// image that mask came from (which the generated one should not copy).
/// </summary>
public static class MaskFigure
{
    /// <summary>Tiles smaller than this are enlarged (nearest neighbour, whole multiples) so 32 px samples can be seen.</summary>
    public const int MinTile = 96;

    /// <param name="generated">B×3×S×S in [-1, 1].</param>
    /// <param name="masks">B×1×S×S in [0, 1], shown white on black.</param>
    /// <param name="real">B×3×S×S in [-1, 1], or null.</param>
    public static RgbImage Compose(Tensor generated, Tensor masks, Tensor? real = null)
    {
        using var scope = NewDisposeScope();
        var shown = masks.mul(2).sub(1).expand(-1, 3, -1, -1);
        Tensor[] columns = real is null ? [generated, shown] : [generated, shown, real];
        var tiles = stack(columns, 1).flatten(0, 1);
        long side = tiles.shape[2], factor = Math.Max(1, MinTile / side);
        if (factor > 1) tiles = nn.functional.interpolate(tiles, [side * factor, side * factor], mode: InterpolationMode.Nearest);
        return ImageTensors.ToGrid(tiles, columns.Length, gapShade: 96);
    }
}
