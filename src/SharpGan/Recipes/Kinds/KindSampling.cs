namespace SharpGan.Recipes.Kinds;

/// <summary>What a trained generator of a GAN kind draws from (<c>sharpgan sample</c>, <c>sharpgan translate</c>).</summary>
[Flags]
public enum KindSampling
{
    /// <summary>Noise alone.</summary>
    Noise = 1,

    /// <summary>A class asked for (<see cref="IConditionalRecipe"/>).</summary>
    Classes = 2,

    /// <summary>A combination of tags, when the model was trained on tags (<see cref="ITagConditionedRecipe"/>).</summary>
    Tags = 4,

    /// <summary>A mask saying where the object goes (<see cref="IMaskConditionedRecipe"/>).</summary>
    Masks = 8,

    /// <summary>An input picture to translate (its "noise" is the picture).</summary>
    Pictures = 16,
}
