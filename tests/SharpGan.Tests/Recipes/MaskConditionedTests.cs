using SharpGan.Cli;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Recipes;

/// <summary>The flower GAN's mask-conditioned DCGAN on the built-in flowers, whose alpha is the object mask.</summary>
public class MaskConditionedTests
{
    static readonly ModelConfig Model = new() { ImageSize = 32, Latent = "32x2x2", Ngf = 8, Ndf = 4, Conditioning = "mask" };

    [Fact]
    public void Every_generator_layer_takes_the_mask_as_one_more_channel()
    {
        using var g = new MaskConditionedGenerator(Model);
        // 32×2×2 → 4 → 8 → 16 → 32: filters 8·(32 / 2·side) = 32, 16, 8, then RGB; each input + 1 mask channel.
        Assert.Equal([(33, 2), (33, 4), (17, 8), (9, 16)], g.Layers.Select(l => (l.InChannels, l.InSize)));
        Assert.Equal([32, 16, 8, 3], g.Layers.Select(l => l.OutChannels));
    }

    [Fact]
    public void The_discriminator_takes_the_mask_only_at_the_chosen_sides()
    {
        using var d = new MaskConditionedDiscriminator(Model);
        // 32 → 16 → 8 → 4 → head: D's inputs have sides 32, 16, 8, 4; the mask joins at 16, 8 and 4 (as in the flower GAN).
        Assert.Equal([(3, 32), (5, 16), (9, 8), (17, 4)], d.Layers.Select(l => (l.InChannels, l.InSize)));
        using var only8 = new MaskConditionedDiscriminator(Model with { MaskDSizes = "8" });
        Assert.Equal([3, 4, 9, 16], only8.Layers.Select(l => l.InChannels));
    }

    [Fact]
    public void Noise_and_mask_pack_into_one_input_and_come_back_unchanged()
    {
        using var scope = NewDisposeScope();
        var noise = randn(3, 32, 2, 2);
        var masks = rand(3, 1, 32, 32).round();
        var (z, m) = MaskedLatent.Unpack(MaskedLatent.Pack(noise, masks), LatentShape.Parse("32x2x2"), 32);
        Assert.True(z.equal(noise).all().item<bool>());
        Assert.True(m.equal(masks).all().item<bool>());
    }

    [Fact]
    public void The_mask_is_area_averaged_to_each_side()
    {
        using var scope = NewDisposeScope();
        var mask = zeros(1, 1, 8, 8);
        mask[0, 0, ..4, ..4] = ones(4, 4);   // the top-left quarter
        var x = MaskConcat.Append(zeros(1, 2, 2, 2), mask);
        Assert.Equal([1L, 3, 2, 2], x.shape);
        Assert.Equal([1f, 0f, 0f, 0f], x[0, 2].flatten().data<float>().ToArray());
        Assert.Equal(0.25f, MaskConcat.Append(zeros(1, 1, 1, 1), mask)[0, 1, 0, 0].item<float>());
    }

    [Fact]
    public void Generator_and_discriminator_run_on_masks_and_need_the_right_mask_size()
    {
        var config = new SharpGanConfig { Model = Model, Data = new DataConfig { Masks = "alpha" } };
        using var recipe = (MaskConditionedRecipe)GanKinds.CreateRecipe(config);
        using var scope = NewDisposeScope();
        var images = recipe.Generate(recipe.NoiseFor(ones(2, 1, 32, 32)));
        Assert.Equal([2L, 3, 32, 32], images.shape);
        Assert.Equal([2L], ((MaskConditionedDiscriminator)recipe.Discriminator).forward(images, ones(2, 1, 32, 32)).shape);
        Assert.Throws<ArgumentException>(() => recipe.NoiseFor(ones(2, 1, 64, 64)));
        var e = Assert.Throws<InvalidOperationException>(() => recipe.Noise(2));
        Assert.Contains("--mask", e.Message);
    }

    [Fact]
    public void A_short_run_on_flowers_with_their_alpha_masks_trains_and_samples_from_given_masks()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 2) with
        {
            Data = new DataConfig { Path = Repo.Fixture("tiny"), Masks = "alpha" },
            Model = Model with { MaskNoise = 0.1, MaskMismatch = true },
            Tricks = new TricksConfig { LabelSmoothing = 0.1, InstanceNoise = 0.1 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer)
            Assert.Equal(TrainOutcome.Completed, trainer.Run());

        using var sampler = new Sampler(Checkpoint.Read(Path.Combine(dir["run"], "checkpoints", "last.ckpt")));
        using var scope = NewDisposeScope();
        Assert.True(sampler.TakesMasks);
        var images = sampler.Batches(zeros(3, 1, 32, 32), seed: 0).Single()();
        Assert.Equal([3L, 3, 32, 32], images.shape);
        Assert.True(images.isfinite().all().item<bool>());

        // The CLI: one picture per mask, named after it (cut-outs' alpha is their mask), and the flower GAN's figure.
        Assert.Equal(0, SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--mask", Repo.Fixture("tiny"), "-n", "3", "--out", dir["samples"]]).Invoke());
        Assert.Equal(["google-hibiscus.png", "google-rose.png", "google-sunflower.png"], Directory.GetFiles(dir["samples"]).Select(Path.GetFileName).Order());
        Assert.Equal(0, SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--mask", Repo.Fixture("tiny"), "--figure", "-n", "4", "--out", dir["figure.png"]]).Invoke());
        using var figure = SkiaSharp.SKBitmap.Decode(dir["figure.png"]);
        Assert.Equal((2 * 96 + 3 * 2, 4 * 96 + 5 * 2), (figure.Width, figure.Height));   // 32 px tiles shown at 96
    }

    [Fact]
    public void Mask_conditioning_needs_masks_and_refuses_diff_augment()
    {
        var noMasks = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig { Model = Model }));
        Assert.Contains("data.masks", noMasks.Message);
        var augment = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Model = Model, Data = new DataConfig { Masks = "auto" }, Tricks = new TricksConfig { DiffAugment = "translation" },
        }));
        Assert.Contains("diff_augment", augment.Message);
        var sizes = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Model = Model with { MaskDSizes = "4,6" }, Data = new DataConfig { Masks = "auto" },
        }));
        Assert.Contains("mask_d_sizes", sizes.Message);
    }
}
