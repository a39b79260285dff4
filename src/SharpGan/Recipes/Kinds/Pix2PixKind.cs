using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;

namespace SharpGan.Recipes.Kinds;

/// <summary>Pix2pix (<c>model.conditioning</c> pix2pix): G translates an input picture into its target; see
/// <see cref="Pix2PixRecipe"/>.</summary>
internal sealed class Pix2PixKind : IGanKind
{
    public string Name => "pix2pix";
    public KindData Data => KindData.Pairs;
    public KindSampling Sampling => KindSampling.Pictures;
    public KindTricks Tricks => KindTricks.None;
    public string WithoutAdversary => "L1 only";

    public void Check(SharpGanConfig c, Action<bool, string> check)
    {
        var m = c.Model;
        check(PaperLoss(c.Train.Loss), $"pix2pix: train.loss = '{c.Train.Loss}': allowed bce (the paper's) and lsgan");
        check(c.Data.Labels == "none" && c.Data.Masks == "none", "pix2pix: the pairs are the labels; set data.labels = none and data.masks = none");
        check(m.Architecture == "dcgan" && m.GDropout == 0 && !m.SpectralNorm, "pix2pix has its own networks (U-Net G, PatchGAN D): leave model.architecture, g_dropout and spectral_norm at their defaults");
        check(c.Tricks.DiffAugment.Length == 0, "pix2pix: tricks.diff_augment would move an output away from its input; data.jitter is pix2pix's augmentation");
        check(c.Tricks.Ada is AdaMode.Off or AdaMode.Auto, "pix2pix: tricks.ada would move an output away from its input; data.jitter is pix2pix's augmentation");
        check(c.Data.Direction is "AtoB" or "BtoA", $"data.direction = '{c.Data.Direction}': allowed AtoB, BtoA");
        check(c.Data.Holdout is >= 1 and <= 64, $"data.holdout = {c.Data.Holdout}: allowed 1..64 (the pairs of the epoch grids)");
        check(c.Data.ValPath.Length == 0 || Directory.Exists(c.Data.ValPath), $"data.val_path = '{c.Data.ValPath}': no such folder");
        check(m.L1Weight >= 0, $"model.l1_weight = {m.L1Weight}: must be ≥ 0");
        check(m.L1Weight > 0 || m.AdversarialWeight > 0, "pix2pix: model.l1_weight and model.adversarial_weight are both 0: nothing to learn from");
        check(m.DLayers is >= 0 and <= 8, $"model.d_layers = {m.DLayers}: allowed 0 (PixelGAN) to 8");
        check(m.Pix2PixNorm is "batch" or "instance", $"model.pix2pix_norm = '{m.Pix2PixNorm}': allowed batch, instance");
        int log2 = System.Numerics.BitOperations.Log2((uint)m.ImageSize);
        check(m.UNetDepth is >= 0 && m.UNetDepth <= log2 && m.UNetDepth <= 8, $"model.unet_depth = {m.UNetDepth}: allowed 0 (= log2 of the image size) to {Math.Min(8, log2)}");
        check(m.UNetDropoutLevels >= 0 && m.UNetDropoutLevels <= (m.UNetDepth == 0 ? Math.Min(8, log2) : m.UNetDepth),
            $"model.unet_dropout_levels = {m.UNetDropoutLevels}: at most the U-Net depth");
    }

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new Pix2PixRecipe(config.Model, RecipeOptions.From(config), heldOut);

    /// <summary>The paper's BCE and the LSGAN of its authors' later code: losses on D's patch logits against targets.
    /// Critics were never tried on a PatchGAN here.</summary>
    static bool PaperLoss(string name) =>
        LossRegistry.Names.Contains(name, StringComparer.OrdinalIgnoreCase) && LossRegistry.Create(name) is NonSaturatingBceLoss or LeastSquaresLoss;
}
