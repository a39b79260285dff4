using SharpGan.Config;
using SharpGan.Losses;

namespace SharpGan.Recipes;

/// <summary>Builds the recipe a config asks for; checks names and combinations before any data is read.</summary>
public static class RecipeRegistry
{
    /// <summary>Fails fast, naming the keys, on an unknown loss, or tricks the loss cannot use.</summary>
    public static void Check(SharpGanConfig config)
    {
        var errors = new List<string>();
        LossRegistry.Check(config, (ok, message) => { if (!ok) errors.Add(message); });
        if (errors.Count > 0)
            throw new ConfigException(string.Join(Environment.NewLine, errors));
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
