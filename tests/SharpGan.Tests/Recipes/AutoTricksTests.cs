using System.Text.Json.Nodes;
using SharpGan.Config;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using static TorchSharp.torch;

namespace SharpGan.Tests.Recipes;

/// <summary>tricks.ada auto decided per kind and loss when a run starts; old runs keep the tricks they trained with.</summary>
public class AutoTricksTests
{
    static SharpGanConfig Resolved(params string[] assignments) =>
        GanKinds.Resolve(ConfigLoader.Load(null, ["data.path=x", .. assignments]));

    [Theory]
    [InlineData(AdaMode.Adaptive)]
    [InlineData(AdaMode.Adaptive, "train.loss=rpgan")]
    [InlineData(AdaMode.Adaptive, "train.loss=hinge")]
    [InlineData(AdaMode.Adaptive, "model.conditioning=acgan", "data.labels=folders")]
    [InlineData(AdaMode.Off, "train.loss=wgan-gp")]
    [InlineData(AdaMode.Off, "train.loss=lsgan")]
    [InlineData(AdaMode.Off, "tricks.diff_augment=color")]
    [InlineData(AdaMode.Off, "model.conditioning=mask", "data.masks=auto")]
    [InlineData(AdaMode.Fixed, "tricks.ada=fixed", "tricks.ada_p=0.3", "train.loss=wgan-gp")]
    public void Auto_is_adaptive_where_the_kind_and_loss_allow_it(AdaMode expected, params string[] assignments) =>
        Assert.Equal(expected, Resolved(assignments).Tricks.Ada);

    [Fact]
    public void Adaptive_under_a_loss_without_an_overfitting_signal_is_refused_by_name()
    {
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(ConfigLoader.Load(null, ["data.path=x", "tricks.ada=adaptive", "train.loss=wgan"])));
        Assert.Contains("tricks.ada adaptive", e.Message);
        Assert.Contains("train.loss = 'wgan'", e.Message);
    }

    [Fact]
    public void A_recorded_config_from_before_the_new_defaults_reads_as_it_trained()
    {
        var tree = JsonNode.Parse(ConfigLoader.ToJson(new SharpGanConfig()))!.AsObject();
        var tricks = tree["tricks"]!.AsObject();
        foreach (var key in new[] { "ada", "ema_kimg", "ema_rampup", "ada_kimg" }) tricks.Remove(key);
        var old = ConfigLoader.FromJson(tree.ToJsonString());
        Assert.Equal((AdaMode.Off, 0.0, 0.0), (old.Tricks.Ada, old.Tricks.EmaKimg, old.Tricks.EmaRampup));
        // A config file, by contrast, takes today's defaults.
        var fresh = ConfigLoader.Load(null, ["data.path=x"]);
        Assert.Equal((AdaMode.Auto, 10.0, 0.05), (fresh.Tricks.Ada, fresh.Tricks.EmaKimg, fresh.Tricks.EmaRampup));
    }

    [Fact]
    public void A_paired_loss_steers_by_how_often_D_ranks_a_real_above_its_fake()
    {
        using var scope = NewDisposeScope();
        // D's outputs all above 0, so alone they would say "overfitting" (r_t = 1); paired, 2 of 4 reals beat their fakes.
        var real = tensor(new[] { 3f, 1f, 2f, 5f });
        var fake = tensor(new[] { 2f, 4f, 6f, 1f, 9f, 9f, 9f, 9f });   // a second block (mismatched masks) pairs again
        var paired = PhaseResult.FromScores(zeros(1), real, fake, logits: false, SharpGan.Losses.OverfitSignal.PairedSign);
        var alone = PhaseResult.FromScores(zeros(1), real, fake.narrow(0, 0, 4), logits: false, SharpGan.Losses.OverfitSignal.RealSign);
        Assert.Equal(0f, paired.RealSign!.item<float>());
        Assert.Equal(1f, alone.RealSign!.item<float>());
    }
}
