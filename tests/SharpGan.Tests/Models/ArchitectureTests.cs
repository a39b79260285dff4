using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Models;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Tests.Models;

/// <summary>Every <c>model.architecture</c> at the sizes and latents the recipes use, and through a real run.</summary>
public class ArchitectureTests
{
    public static TheoryData<string, int, string> Shapes()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var name in ConfigValidator.Architectures)
            foreach (var size in new[] { 32, 64 })
                foreach (var latent in new[] { "100x1x1", "32x2x2" })
                    data.Add(name, size, latent);
        return data;
    }

    static ModelConfig Tiny(string architecture, int size = 32, string latent = "100x1x1") =>
        new() { Architecture = architecture, ImageSize = size, Latent = latent, Ngf = 4, Ndf = 4, ResidualBlocks = 2 };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Generator_makes_images_in_range_and_discriminator_one_logit_each(string architecture, int size, string latent)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(architecture, size, latent);
        using var g = Networks.Generator(config);
        using var d = Networks.Discriminator(config);

        var images = g.forward(g.Noise(2));
        Assert.Equal(new long[] { 2, 3, size, size }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 2 }, d.forward(images).shape);
        var (logits, features) = d.ForwardWithFeatures(images);
        Assert.Equal(new long[] { 2 }, logits.shape);
        Assert.Equal(features.shape, d.Features(images).shape);
        Assert.Throws<InvalidOperationException>(() => d.ForwardWithClasses(images));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Class_heads_have_k_outputs_for_acgan_and_k_plus_one_semi_supervised(string architecture, int size, string latent)
    {
        using var scope = NewDisposeScope();
        var model = Tiny(architecture, size, latent) with { Classes = ["a", "b", "c"] };
        var images = rand(2, 3, size, size).mul(2).sub(1);
        foreach (var (conditioning, outputs) in new[] { ("acgan", 3L), ("semi-supervised", 4L) })
        {
            using var recipe = GanKinds.CreateRecipe(new SharpGanConfig { Model = model with { Conditioning = conditioning } });
            var (logits, classLogits) = ((DiscriminatorNetwork)recipe.Discriminator).ForwardWithClasses(images);
            Assert.Equal(new long[] { 2 }, logits.shape);
            Assert.Equal(new long[] { 2, outputs }, classLogits.shape);
        }
        // ACGAN's generator takes the latent widened by the one-hot code.
        using var g = Networks.Generator(model with { Latent = $"{model.LatentShape.Channels + 3}x{model.LatentShape.Size}x{model.LatentShape.Size}" });
        Assert.Equal(new long[] { 2, 3, size, size }, g.forward(g.Noise(2)).shape);
    }

    [Theory]
    [InlineData("dense-dcgan")]
    [InlineData("srresnet")]
    [InlineData("dcgan-5x5")]
    [InlineData("r3gan")]
    public void Bf16_channels_last_policy_gives_fp32_outputs(string architecture)
    {
        using var scope = NewDisposeScope();
        var config = Tiny(architecture) with { Classes = ["a", "b"] };
        using var g = Networks.Generator(config);
        using var d = Networks.Discriminator(config, classOutputs: 3);
        var policy = new ComputePolicy(ChannelsLast: true, Bf16: true);
        ComputeLayers.Apply(g, policy);
        ComputeLayers.Apply(d, policy);
        var images = g.forward(g.Noise(2));
        Assert.Equal(ScalarType.Float32, images.dtype);
        var (logits, classLogits) = d.ForwardWithClasses(policy.Input(images));
        Assert.Equal((ScalarType.Float32, ScalarType.Float32), (logits.dtype, classLogits.dtype));
        Assert.Equal(new long[] { 2, 3 }, classLogits.shape);
    }

    [Fact]
    public void Larger_sizes_fit_too()
    {
        using var scope = NewDisposeScope();
        foreach (var name in ConfigValidator.Architectures)
        {
            var config = Tiny(name, 128) with { Ngf = 2, Ndf = 2, ResidualBlocks = 1 };
            using var g = Networks.Generator(config);
            using var d = Networks.Discriminator(config);
            var images = g.forward(g.Noise(2));
            Assert.Equal(new long[] { 2, 3, 128, 128 }, images.shape);
            Assert.Equal(new long[] { 2 }, d.forward(images).shape);
        }
    }

    [Fact]
    public void The_factory_and_the_validator_know_the_same_names()
    {
        Assert.Equal(ConfigValidator.Architectures, Networks.Names);
        var unknown = Assert.Throws<ConfigException>(() => Networks.Generator(new ModelConfig { Architecture = "stylegan" }));
        Assert.Contains("model.architecture = 'stylegan'", unknown.Message);
        Assert.Contains("dcgan, dense-dcgan, srresnet, dcgan-5x5", unknown.Message);
    }

    [Fact]
    public void The_validator_names_the_key_and_keeps_mask_conditioning_on_dcgan()
    {
        var unknown = Assert.Throws<ConfigException>(() => ConfigValidator.Validate(new SharpGanConfig { Model = new ModelConfig { Architecture = "stylegan" } }));
        Assert.Contains("model.architecture = 'stylegan': allowed dcgan, dense-dcgan, srresnet, dcgan-5x5", unknown.Message);
        var mask = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig
        {
            Data = new DataConfig { Masks = "auto" },
            Model = new ModelConfig { Architecture = "srresnet", Conditioning = "mask" },
        }));
        Assert.Contains("model.conditioning mask has dcgan networks only", mask.Message);
        var dropout = Assert.Throws<ConfigException>(() => ConfigValidator.Validate(new SharpGanConfig
        {
            Model = new ModelConfig { Architecture = "srresnet", GDropout = 0.5 },
        }));
        Assert.Contains("model.g_dropout", dropout.Message);
        ConfigValidator.Validate(new SharpGanConfig { Model = new ModelConfig { Architecture = "dense-dcgan", GDropout = 0.5 } });
    }

    [Fact]
    public void Pixel_shuffle_moves_channel_r_i_plus_j_to_row_offset_i_and_column_offset_j()
    {
        using var scope = NewDisposeScope();
        // Channel c holds the value 10c + (row·2 + column) at each of its 2 × 2 positions.
        var input = tensor(new float[] { 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33 }).view(1, 4, 2, 2);
        var expected = tensor(new float[]
        {
            0, 10, 1, 11,
            20, 30, 21, 31,
            2, 12, 3, 13,
            22, 32, 23, 33,
        });
        Assert.Equal(expected.data<float>().ToArray(), nn.PixelShuffle(2).forward(input).data<float>().ToArray());
    }

    [Theory]
    [InlineData("dense-dcgan")]
    [InlineData("srresnet")]
    [InlineData("dcgan-5x5")]
    [InlineData("r3gan")]
    public void One_epoch_on_the_tiny_flowers_writes_a_checkpoint(string architecture)
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1);
        config = config with { Model = config.Model with { Architecture = architecture, ResidualBlocks = 2 } };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        Assert.True(File.Exists(trainer.CheckpointPath));
        var history = Checkpoint.Read(trainer.CheckpointPath).State.History;
        Assert.Single(history);
        Assert.True(double.IsFinite(history[0].LossD) && double.IsFinite(history[0].LossG));
    }

    [Fact]
    public void A_srresnet_checkpoint_samples_the_same_grid_twice()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1);
        config = config with { Model = config.Model with { Architecture = "srresnet", ResidualBlocks = 2 } };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();

        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal("srresnet", checkpoint.Config.Model.Architecture);
        using var first = new Sampler(checkpoint);
        using var second = new Sampler(Checkpoint.Read(trainer.CheckpointPath));
        Assert.Equal(first.Grid(4, seed: 3).Pixels, second.Grid(4, seed: 3).Pixels);
        Assert.NotEqual(first.Grid(4, seed: 3).Pixels, first.Grid(4, seed: 4).Pixels);
    }
}
