using SharpGan.Config;
using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Recipes;
using SharpGan.Tests.Training;
using SharpGan.Training;
using SkiaSharp;
using static TorchSharp.torch;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Tests.Recipes;

public class Pix2PixRecipeTests
{
    static SharpGanConfig Config(string pairs, string output, int epochs) => TinyRun.Config(output, epochs) with
    {
        Data = new DataConfig { Path = pairs, Holdout = 2 },
        Model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8, Conditioning = "pix2pix", DLayers = 2 },
    };

    [Fact]
    public void Overfitting_one_pair_drives_its_l1_close_to_zero()
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        var target = ImageSet.From([ImageLoader.Load(Directory.GetFiles(Repo.Fixture("tiny"), "*.png").Order().First(), 32, ResizeMode.Crop, (255, 255, 255))], 32)
            .Take([0]).ToBatch();
        var (edges, _) = PairMaker.Input(target, new PairOptions(PairKind.Edges, 32));
        var batch = target with { Inputs = edges };
        var model = new ModelConfig { ImageSize = 32, Ngf = 16, Ndf = 8, Conditioning = "pix2pix", DLayers = 2, UNetDropoutLevels = 0 };
        using var recipe = new Pix2PixRecipe(model, RecipeOptions.From(new SharpGanConfig { Model = model }));
        using var optG = optim.Adam(recipe.Generator.parameters(), 2e-3, 0.5);
        using var optD = optim.Adam(recipe.Discriminator.parameters(), 2e-4, 0.5);
        double L1() { using var _ = no_grad(); return recipe.Generate(edges).sub(target.Images).abs().mean().item<float>(); }
        double first = L1();
        for (int step = 0; step < 150; step++)
        {
            using var stepScope = NewDisposeScope();
            optD.zero_grad();
            recipe.DiscriminatorPhase(batch);
            optD.step();
            optG.zero_grad();
            recipe.GeneratorPhase(batch);
            optG.step();
        }
        double last = L1();
        Assert.True(last < 0.05 && last < first / 10, $"L1 {first:F3} → {last:F3}");
    }

    [Fact]
    public void A_run_grids_held_out_input_output_target_rows_and_resumes_exactly()
    {
        using var dir = new TempDir();
        PairMaker.Run(Repo.Fixture("tiny"), dir["pairs"], new PairOptions(PairKind.Edges, 32));
        var straight = TinyRun.TrainAndReadWeights(TinyRun.Extendable(Config(dir["pairs"], dir["straight"], 2)), null, [new SharpGan.Reporting.SampleGridSink()]);

        using (var grid = SKBitmap.Decode(Path.Combine(dir["straight"], "samples", "epoch_0002.png")))
        {
            Assert.Equal((6 * 32 + 7 * 2, 32 + 2 * 2), (grid.Width, grid.Height));   // 2 held-out pairs: one row of input | output | target twice
            var inputTile = Enumerable.Range(2, 32).SelectMany(y => Enumerable.Range(2, 32).Select(x => grid.GetPixel(x, y))).ToList();
            Assert.All(inputTile, c => Assert.True(c.Red is 0 or 255 && c.Red == c.Green && c.Green == c.Blue));   // an edge drawing
        }

        var config = TinyRun.Extendable(Config(dir["pairs"], dir["resumed"], 1));
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        var resumed = TinyRun.TrainAndReadWeights(checkpoint.Config with { Train = checkpoint.Config.Train with { Epochs = 2 } }, checkpoint);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(resumed[name]), $"{name} differs after resume");
    }

    [Fact]
    public void The_validator_names_what_pix2pix_does_not_take()
    {
        var config = new SharpGanConfig { Model = new ModelConfig { Conditioning = "pix2pix", DLayers = 9 }, Data = new DataConfig { Labels = "folders" }, Train = new TrainConfig { Loss = "wgan" } };
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(config));
        Assert.Contains("model.d_layers = 9", e.Message);
        Assert.Contains("data.labels = none", e.Message);
        Assert.Contains("train.loss = 'wgan'", e.Message);
    }

}
