using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Recipes.Kinds;

/// <summary>
/// One kind of GAN (<c>model.conditioning</c>), declared in one file: its rules on the config, the data it trains on,
/// the tricks it combines with, how it samples and the recipe it trains with. The validator, the session, the
/// trainer and the sampler ask the kind (through <see cref="GanKinds"/>); none of them compares its name.
/// </summary>
public interface IGanKind
{
    /// <summary>The <c>model.conditioning</c> value that selects it.</summary>
    string Name { get; }

    /// <summary>What a run reads for it.</summary>
    KindData Data { get; }

    /// <summary>What a trained generator of this kind draws from.</summary>
    KindSampling Sampling { get; }

    /// <summary>The tricks on G that it combines with.</summary>
    KindTricks Tricks { get; }

    /// <summary>What a run with <c>model.adversarial_weight</c> = 0 still learns from (pix2pix: "L1 only"); null
    /// when D's verdict is all G has, so the weight must be &gt; 0.</summary>
    string? WithoutAdversary => null;

    /// <summary>Its own rules on the config; each message names the keys and the allowed values.</summary>
    void Check(SharpGanConfig config, Action<bool, string> check);

    /// <param name="masks">The training masks, for a kind that reads <see cref="KindData.Masks"/>, in training.</param>
    /// <param name="heldOut">The held-out pairs of a kind that reads <see cref="KindData.Pairs"/>, in training.</param>
    IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null);
}
