using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Pretrained;
using SharpGan.Recipes.Kinds;
using SharpGan.Tests.Pretrained;
using SharpGan.Tests.Training;
using SharpGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

/// <summary>Projected GAN's discriminator on nsfwjs's MobileNetV2: what trains, what a checkpoint holds, where gradients go.</summary>
public class ProjectedDiscriminatorTests : IClassFixture<FetchedModels>
{
    static ModelConfig Model(int size = 64, int trunkSide = 0) =>
        new() { Architecture = "projected", ImageSize = size, TrunkSide = trunkSide, Ngf = 8, Ndf = 8 };

    /// <summary>Four real flowers of the tiny fixture set, in [-1, 1].</summary>
    static Tensor Flowers(int size) =>
        ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, size).Images.Take([0, 2, 5, 7]).ToBatch().Images;

    [Theory]
    [InlineData(32, 0, 64)]
    [InlineData(64, 0, 128)]
    [InlineData(64, 64, 64)]
    [InlineData(128, 0, 224)]
    public void The_trunk_reads_twice_the_image_side_up_to_224_and_gives_one_fp32_logit_a_picture(int size, int trunkSide, int expected)
    {
        using var scope = NewDisposeScope();
        var model = Model(size, trunkSide);
        Assert.Equal(expected, model.TrunkSideOrDefault);
        using var d = Networks.Discriminator(model);
        var logits = d.forward(Flowers(size));
        Assert.Equal(new long[] { 4 }, logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Only_the_heads_train_and_a_checkpoint_holds_the_projections_but_not_the_trunk()
    {
        using var scope = NewDisposeScope();
        using var d = Networks.Discriminator(Model());
        var parameters = d.named_parameters().Select(p => p.name).ToList();
        Assert.All(parameters, name => Assert.StartsWith("heads.", name));
        var state = d.state_dict().Keys.ToList();
        Assert.Contains("projections.w0", state);
        Assert.Contains("projections.fw3", state);
        Assert.DoesNotContain(state, key => key.Contains("block_", StringComparison.Ordinal) || key.Contains("Conv1", StringComparison.Ordinal));
        // The heads are small beside the 2.2 M weights of the trunk they read.
        Assert.InRange(d.parameters().Sum(p => p.numel()), 10_000, 400_000);
    }

    [Fact]
    public void A_saved_discriminator_loads_into_a_fresh_one_with_other_projections_and_judges_alike()
    {
        using var scope = NewDisposeScope();
        var images = Flowers(64);
        using var saved = Networks.Discriminator(Model());
        saved.eval();
        var expected = saved.forward(images);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) saved.save(writer);

        manual_seed(12345);   // other random projections and heads
        using var fresh = Networks.Discriminator(Model());
        fresh.eval();
        Assert.False(fresh.forward(images).allclose(expected));
        stream.Position = 0;
        using (var reader = new BinaryReader(stream)) fresh.load(reader);
        Assert.True(fresh.forward(images).allclose(expected, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Gradients_reach_the_pictures_through_the_frozen_trunk_and_the_trunk_does_not_change()
    {
        using var scope = NewDisposeScope();
        using var d = Networks.Discriminator(Model());
        var images = Flowers(64).requires_grad_(true);
        d.forward(images).sum().backward();
        Assert.True(images.grad!.abs().sum().item<float>() > 0);
        Assert.All(d.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Its_hinge_loss_falls_as_the_heads_learn_flowers_from_noise()
    {
        // Real flowers against smooth random pictures: the frozen trunk tells them apart from the first step, so a
        // few head steps separate them.
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var d = Networks.Discriminator(Model(32));
        var reals = Flowers(32);
        var fakes = nn.functional.interpolate(rand(4, 3, 4, 4).mul(2).sub(1), size: [32, 32], mode: InterpolationMode.Bilinear);
        var optimiser = optim.Adam(d.parameters(), lr: 2e-3, beta1: 0, beta2: 0.99);
        var losses = new List<float>();
        for (int step = 0; step < 15; step++)
        {
            using var stepScope = NewDisposeScope();
            optimiser.zero_grad();
            var loss = nn.functional.relu(1 - d.forward(reals)).mean() + nn.functional.relu(1 + d.forward(fakes)).mean();
            loss.backward();
            optimiser.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < 0.5 * losses[0], $"hinge loss {losses[0]:F3} → {losses[^1]:F3}");
    }

    [Fact]
    public void A_projected_run_trains_and_its_checkpoint_samples_without_the_pretrained_cache()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 1);
        config = config with
        {
            Model = config.Model with { Architecture = "projected", TrunkSide = 64 },
            Train = config.Train with { Loss = "hinge" },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var epoch = Assert.Single(Checkpoint.Read(trainer.CheckpointPath).State.History);
        Assert.True(double.IsFinite(epoch.LossD) && double.IsFinite(epoch.LossG));

        using var empty = new TempDir();
        using var _ = new PretrainedCacheAt(empty.Path);
        using var sampler = new Sampler(Checkpoint.Read(trainer.CheckpointPath));
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 2, 3, 32, 32 }, sampler.Batches(2, seed: 1).Single()().shape);
        // Training it again does need the trunk, and says so before reading any data.
        var refused = Assert.Throws<FileNotFoundException>(() => TrainingSession.Open(config with { Output = config.Output with { Dir = dir["again"] } }, []));
        Assert.Contains("sharpgan pretrained fetch", refused.Message);
    }

    [Fact]
    public void The_validator_keeps_it_unconditional_on_the_cpu_with_a_trunk_side_it_can_read()
    {
        string Refusal(SharpGanConfig c) => Assert.Throws<ConfigException>(() => ConfigValidator.Validate(c)).Message;
        var projected = new SharpGanConfig { Model = Model() };
        ConfigValidator.Validate(projected);
        Assert.Contains("model.architecture projected is unconditional", Refusal(projected with { Model = projected.Model with { Conditioning = "acgan" } }));
        Assert.Contains("model.trunk_side = 100", Refusal(projected with { Model = projected.Model with { TrunkSide = 100 } }));
        Assert.Contains("train.device cuda", Refusal(projected with { Train = projected.Train with { Device = "cuda" } }));
        Assert.Throws<ConfigException>(() => GanKinds.CreateRecipe(projected with { Model = projected.Model with { Conditioning = "acgan", Classes = ["a", "b"] } }));
    }
}
