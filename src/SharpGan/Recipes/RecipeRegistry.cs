using SharpGan.Config;
using SharpGan.Losses;

namespace SharpGan.Recipes;

/// <summary>Builds the recipe a config asks for; checks names and combinations before any data is read.</summary>
public static class RecipeRegistry
{
    /// <summary>Fails fast, naming the keys, on an unknown loss or policy, or tricks the loss cannot use.</summary>
    public static void Check(SharpGanConfig config)
    {
        var options = RecipeOptions.From(config);
        if (!options.Loss.UsesLabels && !options.Labels.IsPlain)
            throw new Config.ConfigException($"tricks.label_smoothing / soft_labels / label_flip act on targets, which train.loss = '{config.Train.Loss}' does not use");
    }

    public static IGanRecipe Create(SharpGanConfig config) => config.Model.Conditioning switch
    {
        "acgan" => new AcganRecipe(config.Model, RecipeOptions.From(config)),
        "semi-supervised" => new SemiSupervisedRecipe(config.Model, RecipeOptions.From(config)),
        _ => new UnconditionalRecipe(config.Model, RecipeOptions.From(config)),
    };
}
