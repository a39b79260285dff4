using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.TaskEvaluation;
using SharpGan.Tests.Training;
using SharpGan.Training;
using SharpGan.Metrics;
using static TorchSharp.torch;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Tests.Recipes;

public class SemiSupervisedTests
{
    [Fact]
    public void Losses_on_fixed_logits_equal_the_hand_computed_values()
    {
        // K = 2. Real logits [0, 0, 0] (p = 1/3 each) labelled 0, and [ln 2, 0, 0] unlabelled; fake logits [0, 0, ln 2].
        var real = tensor(new float[] { 0, 0, 0, MathF.Log(2), 0, 0 }).reshape(2, 3);
        var fake = tensor(new float[] { 0, 0, MathF.Log(2) }).reshape(1, 3);
        double supervised = Math.Log(3);                                          // −log p(class 0) of the labelled image
        double unsupervisedReal = -(Math.Log(2.0 / 3) + Math.Log(3.0 / 4)) / 2;  // −mean log p(real)
        double fakeTerm = -Math.Log(2.0 / 4);                                     // −log p(fake) of the fake
        var d = SemiSupervisedLoss.Discriminator(real, tensor(new long[] { 0, -1 }), fake).item<float>();
        Assert.Equal(supervised + unsupervisedReal + fakeTerm, d, 5);
        Assert.Equal(-Math.Log(2.0 / 4), SemiSupervisedLoss.Generator(fake).item<float>(), 5);
        Assert.Equal(Math.Log(2.0 / 2), SemiSupervisedLoss.RealFakeLogit(fake).item<float>(), 5);   // lse(0, 0) − ln 2 = 0
    }

    [Fact]
    public void The_discriminator_has_k_plus_1_class_outputs()
    {
        var model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8, Conditioning = "semi-supervised", Classes = ["a", "b", "c"] };
        using var recipe = new SemiSupervisedRecipe(model, RecipeOptions.From(new SharpGanConfig { Model = model }));
        using var scope = NewDisposeScope();
        var (logits, classes) = ((DiscriminatorNetwork)recipe.Discriminator).ForwardWithClasses(randn(2, 3, 32, 32));
        Assert.Equal([2L], logits.shape);
        Assert.Equal([2L, 4], classes.shape);
    }

    [Fact]
    public void A_labelled_fraction_keeps_that_share_of_each_class()
    {
        using var dir = new TempDir();
        var folder = FlowerClasses.CopyTo(dir["classes"]);
        var (images, _) = ImageFolder.Load(new DataConfig { Path = folder }, 32);
        var labelled = ClassFolders.Label(folder, images);
        var kept = ClassFolders.KeepLabelled(labelled, 0.25, seed: 1);
        var perClass = kept.Labels!.Where(l => l >= 0).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var sizes = labelled.Labels!.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(sizes, s => Assert.Equal((int)Math.Round(s.Value * 0.25), perClass[s.Key]));
        Assert.All(kept.Labels!.Select((l, i) => (l, i)).Where(p => p.l >= 0), p => Assert.Equal(labelled.Labels![p.i], p.l));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]   // with Salimans et al.'s feature matching for G
    public void Trains_with_a_tenth_of_the_labels_and_its_discriminator_classifies_a_folder(double featureMatching)
    {
        using var dir = new TempDir();
        var folder = FlowerClasses.CopyTo(dir["classes"]);
        var config = TinyRun.Config(dir["run"], epochs: 2) with
        {
            Data = new DataConfig { Path = folder, Labels = "folders", LabelledFraction = 0.1 },
            Model = TinyRun.Config(dir["run"]).Model with { Conditioning = "semi-supervised" },
            Tricks = new TricksConfig { FeatureMatching = featureMatching },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        var (overall, perClass) = LabelledAccuracy.OfDiscriminator(Checkpoint.Read(Path.Combine(dir["run"], "checkpoints", "last.ckpt")), folder);
        Assert.Equal(["plant-flower", "plant-other"], perClass.Keys.Order());
        Assert.InRange(overall, 0, 1);
    }

    [Fact]
    public void The_semi_supervised_gan_refuses_another_loss()
    {
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(ConfigLoader.Load(null, ["data.labels=folders", "model.conditioning=semi-supervised", "train.loss=wgan-gp"])));
        Assert.Contains("train.loss must stay bce", e.Message);
    }
}
