using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;

namespace SharpGan.Recipes.Kinds;

/// <summary>
/// The GAN kinds by <c>model.conditioning</c> name: the one place a kind is registered. <see cref="Check"/> runs
/// every kind's and loss's rules before any data is read; an unknown name fails there, listing the known ones.
/// </summary>
public static class GanKinds
{
    static readonly Dictionary<string, IGanKind> ByName = new[]
    {
        (IGanKind)new UnconditionalKind(),
        new AcganKind(),
        new SemiSupervisedKind(),
        new MaskConditionedKind(),
        new Pix2PixKind(),
    }.ToDictionary(k => k.Name);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Adds a kind from outside the library (a test's, a user's); its name must be new.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public static void Register(IGanKind kind)
    {
        if (!ByName.TryAdd(kind.Name, kind))
            throw new ArgumentException($"model.conditioning '{kind.Name}' is registered already");
    }

    /// <exception cref="ConfigException">Unknown name; the message lists the known ones.</exception>
    public static IGanKind Find(string name) => ByName.TryGetValue(name, out var kind) ? kind : throw new ConfigException(Unknown(name));

    /// <summary>The kind <c>model.conditioning</c> names.</summary>
    public static IGanKind Of(SharpGanConfig config) => Find(config.Model.Conditioning);

    /// <summary>The recipe of the config's kind.</summary>
    /// <param name="masks">The training masks, for a kind that reads masks, in training.</param>
    /// <param name="heldOut">The held-out pairs of a kind that reads pairs, in training.</param>
    public static IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        Of(config).CreateRecipe(config, masks, heldOut);

    /// <summary>
    /// The config with its <c>auto</c> tricks decided, as the run then records them: <c>tricks.ada</c> auto is adaptive
    /// where the kind lets D's inputs be augmented, the loss gives an overfitting signal and <c>tricks.diff_augment</c>
    /// is not chosen instead, and off otherwise.
    /// </summary>
    public static SharpGanConfig Resolve(SharpGanConfig config)
    {
        if (config.Tricks.Ada != AdaMode.Auto) return config;
        bool adaptive = Of(config).Tricks.HasFlag(KindTricks.Augmentation) && config.Tricks.DiffAugment.Length == 0
            && LossRegistry.Create(config.Train.Loss).Traits.Overfit != OverfitSignal.None;
        return config with { Tricks = config.Tricks with { Ada = adaptive ? AdaMode.Adaptive : AdaMode.Off } };
    }

    /// <summary>
    /// Fails fast, with every message at once, on an unknown kind or loss, a kind's own rules, data or tricks the
    /// kind does not take, and tricks the loss cannot use.
    /// </summary>
    /// <exception cref="ConfigException">The messages, one a line.</exception>
    public static void Check(SharpGanConfig config)
    {
        var errors = new List<string>();
        void Check(bool ok, string message) { if (!ok) errors.Add(message); }

        var c = config;
        var kind = ByName.GetValueOrDefault(c.Model.Conditioning);
        Check(kind is not null, Unknown(c.Model.Conditioning));
        var withoutAdversary = ByName.Values.Where(k => k.WithoutAdversary is not null).ToList();
        Check(c.Model.AdversarialWeight > 0 || (kind?.WithoutAdversary is not null && c.Model.AdversarialWeight == 0),
            $"model.adversarial_weight = {c.Model.AdversarialWeight}: must be > 0"
            + (withoutAdversary.Count > 0 ? $" ({string.Join("; ", withoutAdversary.Select(k => $"{k.Name}: ≥ 0, 0 = {k.WithoutAdversary}"))})" : ""));
        if (kind is not null)
        {
            var n = kind.Name;
            Check(c.Data.Labels != "tags" || kind.Data.HasFlag(KindData.Tags),
                $"data.labels tags is for model.conditioning {string.Join(" or ", ByName.Values.Where(k => k.Data.HasFlag(KindData.Tags)).Select(k => k.Name))} (is '{n}')");
            Check(!kind.Data.HasFlag(KindData.Classes) || c.Data.Labels != "none",
                $"model.conditioning {n} needs labels: set data.labels = folders (one sub-folder per class), csv or tags");
            Check(kind.Tricks.HasFlag(KindTricks.FeatureMatching) || c.Tricks.FeatureMatching == 0,
                $"model.conditioning {n} does not combine with tricks.feature_matching");
            Check(kind.Tricks.HasFlag(KindTricks.LargerGBatch) || c.Tricks.GBatchMultiplier == 1,
                $"model.conditioning {n} does not combine with tricks.g_batch_multiplier");
            Check(kind.Tricks.HasFlag(KindTricks.GradientPenalties) || (c.Tricks.R1Gamma == 0 && c.Tricks.R2Gamma == 0),
                $"model.conditioning {n} does not combine with tricks.r1_gamma / tricks.r2_gamma");
            kind.Check(c, Check);
        }
        LossRegistry.Check(c, Check);
        if (errors.Count > 0)
            throw new ConfigException(string.Join(Environment.NewLine, errors));
    }

    static string Unknown(string name) => $"model.conditioning = '{name}': allowed {string.Join(", ", ByName.Keys)}";
}
