using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>A recipe whose generator draws combinations of tags (ACGAN on <c>data.labels</c> tags).</summary>
public interface ITagConditionedRecipe : IGanRecipe
{
    /// <summary>Generator inputs for codes (B×K float: multi-hot tags, or one-hot classes), with fresh noise.</summary>
    Tensor NoiseForTags(Tensor codes, Generator? generator = null);
}
