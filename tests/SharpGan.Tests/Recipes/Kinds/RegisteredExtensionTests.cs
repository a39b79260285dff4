using SharpGan.Config;
using SharpGan.Losses;
using SharpGan.Recipes.Kinds;
using SharpGan.Tests.Losses;
using SharpGan.Tests.Training;
using SharpGan.Training;

namespace SharpGan.Tests.Recipes.Kinds;

/// <summary>A kind and a loss registered from outside the library train like the built-in ones.</summary>
public class RegisteredExtensionTests
{
    static RegisteredExtensionTests()
    {
        GanKinds.Register(new FreshFakesKind());
        LossRegistry.Register("test-absolute", () => new AbsoluteLoss());
    }

    [Fact]
    public void A_test_only_kind_and_loss_train_a_step_and_the_trainer_follows_the_loss_traits()
    {
        using var dir = new TempDir();
        var tiny = TinyRun.Config(dir.Path, epochs: 1);
        var config = tiny with
        {
            Model = tiny.Model with { Conditioning = "test-fresh-fakes" },
            Train = tiny.Train with { Loss = "test-absolute", LrD = 5e-2 },   // a large lr to push weights past the clip
            Wgan = new WganConfig { Clip = 0.01 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());

        Assert.True(trainer.State.Step >= 1);
        var epoch = Assert.Single(trainer.State.History);
        Assert.True(double.IsFinite(epoch.LossD) && double.IsFinite(epoch.LossG));
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        using (var recipe = GanKinds.CreateRecipe(checkpoint.Config))
        {
            checkpoint.RestoreNetworks(recipe);
            Assert.All(recipe.Discriminator.parameters(), p => Assert.True(p.abs().max().item<float>() <= 0.01f + 1e-7f));
        }
        using var sampler = new Sampler(checkpoint);
        Assert.Equal(4, sampler.Images(4, seed: 1).Count());
    }

    [Fact]
    public void A_registered_kind_brings_its_own_rules_and_a_name_cannot_be_registered_twice()
    {
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Model = new ModelConfig { Conditioning = "test-fresh-fakes" }, Data = new DataConfig { Labels = "folders" },
        }));
        Assert.Contains("takes no labels", e.Message);
        Assert.Throws<ArgumentException>(() => GanKinds.Register(new FreshFakesKind()));
        Assert.Throws<ArgumentException>(() => LossRegistry.Register("test-absolute", () => new AbsoluteLoss()));
    }
}
