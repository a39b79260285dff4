using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Recipes.Kinds;

/// <summary>The location-constrained flower GAN's DCGAN (<c>model.conditioning</c> mask): G draws where a mask says; see
/// <see cref="MaskConditionedRecipe"/>.</summary>
internal sealed class MaskConditionedKind : IGanKind
{
    public string Name => "mask";
    public KindData Data => KindData.Images | KindData.Masks;
    public KindSampling Sampling => KindSampling.Masks;
    public KindTricks Tricks => KindTricks.GradientPenalties;

    public void Check(SharpGanConfig c, Action<bool, string> check)
    {
        check(c.Model.Architecture == "dcgan",
            $"model.conditioning mask has dcgan networks only: set model.architecture = dcgan (not '{c.Model.Architecture}')");
        check(c.Data.Masks != "none", "model.conditioning mask needs masks: set data.masks = auto (masks/NAME, NAME_mask or alpha)");
        check(c.Tricks.DiffAugment.Length == 0, "model.conditioning mask does not combine with tricks.diff_augment (it would move images away from their masks)");
        check(c.Tricks.Ada is AdaMode.Off or AdaMode.Auto, "model.conditioning mask does not combine with tricks.ada (it would move images away from their masks)");
        check(c.Model.MaskNoise is >= 0 and <= 1, $"model.mask_noise = {c.Model.MaskNoise}: allowed 0..1");
        check(MaskSizesValid(c.Model), $"model.mask_d_sizes = '{c.Model.MaskDSizes}': a comma-separated list of powers of two from 4 to image_size / 2");
    }

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new MaskConditionedRecipe(config.Model, RecipeOptions.From(config), masks);

    static bool MaskSizesValid(ModelConfig m)
    {
        try { return m.MaskDSizeList.All(s => s > 0 && (s & (s - 1)) == 0 && s >= 4 && s <= m.ImageSize / 2); }
        catch (FormatException) { return false; }
    }
}
