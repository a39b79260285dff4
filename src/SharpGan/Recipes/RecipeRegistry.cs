using SharpGan.Config;
using SharpGan.Losses;

namespace SharpGan.Recipes;

/// <summary>Builds the recipe a config asks for; checks names before any data is read.</summary>
public static class RecipeRegistry
{
    /// <summary>Fails fast with the valid names when the config names an unknown loss.</summary>
    public static void Check(SharpGanConfig config) => LossRegistry.Create(config.Train.Loss);

    public static IGanRecipe Create(SharpGanConfig config) =>
        new UnconditionalRecipe(config.Model, LossRegistry.Create(config.Train.Loss));
}
