using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>A recipe whose generator draws the class it is asked for.</summary>
public interface IConditionalRecipe : IGanRecipe
{
    IReadOnlyList<string> Classes { get; }

    /// <summary>Generator inputs for the given class indices (B), with fresh noise.</summary>
    Tensor NoiseFor(Tensor labels, Generator? generator = null);
}
