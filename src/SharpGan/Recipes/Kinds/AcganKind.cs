using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Recipes.Kinds;

/// <summary>ACGAN (<c>model.conditioning</c> acgan): G draws the class or the tags it is asked for; see <see cref="AcganRecipe"/>.</summary>
internal sealed class AcganKind : IGanKind
{
    public string Name => "acgan";
    public KindData Data => KindData.Images | KindData.Classes | KindData.Tags;
    public KindSampling Sampling => KindSampling.Noise | KindSampling.Classes | KindSampling.Tags;
    public KindTricks Tricks => KindTricks.GradientPenalties | KindTricks.Augmentation;

    public void Check(SharpGanConfig config, Action<bool, string> check) { }

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new AcganRecipe(config.Model, RecipeOptions.From(config));
}
