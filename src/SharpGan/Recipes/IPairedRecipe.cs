using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>A recipe whose generator turns an input picture into another (pix2pix): its "noise" is the held-out
/// inputs, and its grid shows each input with its output and target.</summary>
public interface IPairedRecipe : IGanRecipe
{
    /// <summary>How many held-out pairs the grid shows: the trainer's fixed inputs are exactly these.</summary>
    int HeldOutCount { get; }

    /// <summary>The grid's tiles, (input, output, target) per pair, and how many tiles a row holds.</summary>
    /// <param name="inputs">What <see cref="IGanRecipe.Noise"/> returned.</param>
    /// <param name="outputs">G's pictures for them.</param>
    (Tensor Tiles, int Columns) Grid(Tensor inputs, Tensor outputs);
}
