using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Recipes.Kinds;

/// <summary>Plain DCGAN from noise (<c>model.conditioning</c> none), the default.</summary>
internal sealed class UnconditionalKind : IGanKind
{
    public string Name => "none";
    public KindData Data => KindData.Images;
    public KindSampling Sampling => KindSampling.Noise;
    public KindTricks Tricks => KindTricks.FeatureMatching | KindTricks.LargerGBatch | KindTricks.GradientPenalties | KindTricks.Augmentation;

    public void Check(SharpGanConfig config, Action<bool, string> check) { }

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new UnconditionalRecipe(config.Model, RecipeOptions.From(config));
}
