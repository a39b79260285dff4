using SharpGan.Cli;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Tests.Training;
using SharpGan.Training;
using SkiaSharp;
using static TorchSharp.torch;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Tests.Recipes;

/// <summary>ACGAN on the built-in flowers split by their manifest's subcategory (plant-flower, plant-other).</summary>
public class AcganTests(AcganTests.TwoClasses data) : IClassFixture<AcganTests.TwoClasses>
{
    public sealed class TwoClasses : IDisposable
    {
        internal TempDir Dir { get; } = new();
        public string Folder => Dir["classes"];

        public TwoClasses() => FlowerClasses.CopyTo(Folder);

        public void Dispose() => Dir.Dispose();
    }

    SharpGanConfig Config(string output, int epochs = 1) => TinyRun.Config(output, epochs) with
    {
        Data = new DataConfig { Path = data.Folder, Labels = "folders" },
        Model = TinyRun.Config(output).Model with { Conditioning = "acgan" },
    };

    [Fact]
    public void Class_folders_give_sorted_class_names_and_loose_files_are_refused_by_name()
    {
        var (images, _) = ImageFolder.Load(new DataConfig { Path = data.Folder }, 32);
        var labelled = ClassFolders.Label(data.Folder, images);
        Assert.Equal(["plant-flower", "plant-other"], labelled.Classes);
        Assert.Equal(images.Paths.Select(p => p.Contains("plant-flower") ? 0 : 1), labelled.Labels!);
        var loose = Assert.Throws<DataException>(() => ClassFolders.Labels(Repo.Fixture("tiny"), Directory.GetFiles(Repo.Fixture("tiny"))));
        Assert.Contains("one sub-folder per class", loose.Message);
    }

    [Fact]
    public void Labels_travel_with_their_images_through_the_loader()
    {
        var (images, _) = ImageFolder.Load(new DataConfig { Path = data.Folder }, 32);
        var labelled = ClassFolders.Label(data.Folder, images);
        var loader = new BatchLoader(labelled, 10, 3);
        var order = loader.Order(1);
        using var scope = NewDisposeScope();
        var batch = loader.Epoch(1).First().ToBatch();
        Assert.Equal(order.Take(10).Select(i => (long)labelled.Labels![i]), batch.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void The_class_head_and_the_conditioned_generator_have_the_right_shapes()
    {
        var model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8, Conditioning = "acgan", Classes = ["a", "b", "c"] };
        using var recipe = new AcganRecipe(model, RecipeOptions.From(new SharpGanConfig { Model = model }));
        using var scope = NewDisposeScope();
        var noise = recipe.NoiseFor(tensor(new long[] { 0, 2 }));
        Assert.Equal([2L, 103, 1, 1], noise.shape);
        Assert.Equal([0f, 0f, 1f], noise[1, 100.., 0, 0].data<float>().ToArray());
        var images = recipe.Generate(noise);
        Assert.Equal([2L, 3, 32, 32], images.shape);
        var (logits, classes) = ((DcganDiscriminator)recipe.Discriminator).ForwardWithClasses(images);
        Assert.Equal([2L], logits.shape);
        Assert.Equal([2L, 3], classes.shape);
        // A 9-sample grid is 3 wide: its rows ask for classes 0, 1, 2.
        Assert.Equal([0f, 0f, 0f, 1f, 1f, 1f, 2f, 2f, 2f], recipe.Noise(9)[.., 100..].argmax(1).flatten().to_type(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void The_auxiliary_loss_is_weighted_cross_entropy_on_the_class_head()
    {
        // Cross-entropy of logits [2, 0] for class 0 and [0, 0] for class 1: (log(1 + e⁻²) + log 2) / 2.
        var value = nn.functional.cross_entropy(tensor(new float[] { 2, 0, 0, 0 }).reshape(2, 2), tensor(new long[] { 0, 1 })).item<float>();
        Assert.Equal((Math.Log(1 + Math.Exp(-2)) + Math.Log(2)) / 2, value, 5);
    }

    [Fact]
    public async Task Trains_on_class_folders_and_samples_a_class_and_a_class_grid()
    {
        using var dir = new TempDir();
        var (trainer, _) = TrainingSession.Open(Config(dir["run"], epochs: 2), []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        var checkpoint = Checkpoint.Read(Path.Combine(dir["run"], "checkpoints", "last.ckpt"));
        Assert.Equal(["plant-flower", "plant-other"], checkpoint.Config.Model.Classes);

        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--class", "plant-other", "-n", "3", "--out", dir["out"]]).InvokeAsync());
        Assert.Equal(3, Directory.GetFiles(dir["out"], "plant-other_*.png").Length);
        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--class-grid", "-n", "4", "--out", dir["classes.png"]]).InvokeAsync());
        using (var grid = SKBitmap.Decode(dir["classes.png"]))
            Assert.Equal((4 * 32 + 5 * 2, 2 * 32 + 3 * 2), (grid.Width, grid.Height));
        Assert.Equal(2, await SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--class", "cactus", "--out", dir["x"]]).InvokeAsync());
    }

    [Fact]
    public void Acgan_without_labels_is_refused_before_any_image_is_read()
    {
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(ConfigLoader.Load(null, ["model.conditioning=acgan"])));
        Assert.Contains("data.labels = folders", e.Message);
    }
}
