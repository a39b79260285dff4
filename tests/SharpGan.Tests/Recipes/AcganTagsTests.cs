using SharpGan.Cli;
using SharpGan.Config;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Reporting;
using SharpGan.Tests.Data;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Recipes;

/// <summary>Multi-label ACGAN (the anime-face report's tags) on the tiny fixture, tagged by vendor and colour.</summary>
public class AcganTagsTests
{
    [Fact]
    public void The_tag_loss_is_the_mean_binary_cross_entropy_over_batch_and_tags()
    {
        // Logits [[2, 0], [−1, 0]] against tags [[1, 0], [0, 1]]: BCE(x, 1) = log(1 + e⁻ˣ), BCE(x, 0) = log(1 + eˣ), so
        // (log(1 + e⁻²) + log 2 + log(1 + e⁻¹) + log 2) / 4 = (0.126928 + 0.693147 + 0.313262 + 0.693147) / 4 = 0.456621.
        using var scope = NewDisposeScope();
        var loss = AcganRecipe.AuxiliaryLoss(tensor(new float[] { 2, 0, -1, 0 }).reshape(2, 2), tensor(new float[] { 1, 0, 0, 1 }).reshape(2, 2), multiLabel: true);
        Assert.Equal(0.456621, loss.item<float>(), 5);
    }

    [Fact]
    public void The_tag_head_has_one_logit_per_tag_and_G_takes_the_multi_hot_code()
    {
        var model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8, Conditioning = "acgan", Classes = ["a", "b", "c", "d", "e"], MultiLabel = true };
        using var recipe = new AcganRecipe(model, RecipeOptions.From(new SharpGanConfig { Model = model }));
        using var scope = NewDisposeScope();
        var noise = recipe.NoiseForTags(tensor(new float[] { 1, 0, 1, 0, 0, 0, 1, 0, 0, 1 }).reshape(2, 5));
        Assert.Equal([2L, 105, 1, 1], noise.shape);
        Assert.Equal([0f, 1, 0, 0, 1], noise[1, 100.., 0, 0].data<float>().ToArray());
        var (logits, tags) = ((DcganDiscriminator)recipe.Discriminator).ForwardWithClasses(recipe.Generate(noise));
        Assert.Equal([2L], logits.shape);
        Assert.Equal([2L, 5], tags.shape);
    }

    [Fact]
    public async Task Trains_one_epoch_on_tags_reports_the_dropped_and_samples_by_tags()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir["tags.csv"], AttributeTagsTests.TagRows);
        File.WriteAllLines(dir["groups.txt"], AttributeTagsTests.GroupLines);
        var run = dir["run"];
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "1", "--size", "32", "--seed", "3",
            "--set", "data.labels=tags", "--set", $"data.tags_file={dir["tags.csv"]}", "--set", $"data.tag_groups={dir["groups.txt"]}",
            "--set", "model.conditioning=acgan", "--set", "model.adversarial_weight=0.5", "--set", "model.ngf=8", "--set", "model.ndf=8",
            "--set", "train.batch_size=3", "--set", "train.sample_count=4", "--set", "output.tensor_board=false", "--set", "output.gif=false",
        ]).InvokeAsync());

        Assert.Equal(["file,problem,group,tags", "twitter-rose.png,no row,,", "twitter-tulip.png,two tags of one group,vendor,twitter;google"],
            File.ReadAllLines(Path.Combine(run, LabelsReport.FileName)));
        var model = Checkpoint.Read(Path.Combine(run, "checkpoints", "last.ckpt")).Config.Model;
        Assert.Equal(["google", "pink", "red", "twitter", "yellow"], model.Classes);
        Assert.True(model.MultiLabel);

        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", run, "--tags", "twitter, red", "-n", "3", "--out", dir["out"]]).InvokeAsync());
        Assert.Equal(3, Directory.GetFiles(dir["out"], "tags_*.png").Length);
        Assert.Equal(2, await SharpGanCli.Build().Parse(["sample", "--checkpoint", run, "--tags", "blue", "--out", dir["x"]]).InvokeAsync());
        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", run, "--tags", "twitter,red|google", "--grid", "-n", "4", "--out", dir["rows.png"]]).InvokeAsync());
        using (var rows = SkiaSharp.SKBitmap.Decode(dir["rows.png"]))
            Assert.Equal((4 * 32 + 5 * 2, 2 * 32 + 3 * 2), (rows.Width, rows.Height));   // a row of 4 per tag set
        using var sampler = new Sampler(Checkpoint.Read(Path.Combine(run, "checkpoints", "last.ckpt")));
        var unknown = Assert.Throws<ArgumentException>(() => sampler.Batches(["red", "blue"], 1, seed: 0));
        Assert.Equal("no tag 'blue'; this generator knows: google, pink, red, twitter, yellow", unknown.Message);
    }
}
