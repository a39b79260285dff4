using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>A recipe whose generator draws where a mask says.</summary>
public interface IMaskConditionedRecipe : IGanRecipe
{
    /// <summary>The side masks must have: the image size.</summary>
    int MaskSize { get; }

    /// <summary>Generator inputs for the given masks (B×1×S×S in [0, 1]), with fresh noise.</summary>
    Tensor NoiseFor(Tensor masks, Generator? generator = null);
}
