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

    /// <param name="masks">The training masks, for a mask-conditioned recipe in training.</param>
    /// <param name="heldOut">The held-out pairs of a pix2pix run in training.</param>
    public static IGanRecipe Create(SharpGanConfig config, Data.MaskPool? masks = null, Data.PairedSet? heldOut = null) => config.Model.Conditioning switch
    {
        "pix2pix" => new Pix2PixRecipe(config.Model, RecipeOptions.From(config), heldOut),
        "mask" => new MaskConditionedRecipe(config.Model, RecipeOptions.From(config), masks),
        "acgan" => new AcganRecipe(config.Model, RecipeOptions.From(config)),
        "semi-supervised" => new SemiSupervisedRecipe(config.Model, RecipeOptions.From(config)),
        _ => new UnconditionalRecipe(config.Model, RecipeOptions.From(config)),
    };
}
