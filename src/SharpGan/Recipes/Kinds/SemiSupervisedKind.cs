using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Recipes.Kinds;

/// <summary>The semi-supervised GAN (<c>model.conditioning</c> semi-supervised): D becomes a K-class classifier
/// trained on a labelled fraction; see <see cref="SemiSupervisedRecipe"/>.</summary>
internal sealed class SemiSupervisedKind : IGanKind
{
    public string Name => "semi-supervised";
    public KindData Data => KindData.Images | KindData.Classes | KindData.Unlabelled;
    public KindSampling Sampling => KindSampling.Noise;
    public KindTricks Tricks => KindTricks.FeatureMatching | KindTricks.Augmentation;

    public void Check(SharpGanConfig config, Action<bool, string> check)
    {
        // Its K + 1 loss replaces train.loss, so any other value would be silently ignored.
        var own = new TrainConfig().Loss;
        check(config.Train.Loss == own, $"model.conditioning semi-supervised has its own K+1 loss; train.loss must stay {own} (is '{config.Train.Loss}')");
    }

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new SemiSupervisedRecipe(config.Model, RecipeOptions.From(config));
}
