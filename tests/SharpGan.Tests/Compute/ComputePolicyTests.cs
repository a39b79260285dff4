using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Tests.Training;
using SharpGan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Tests.Compute;

/// <summary>Channels-last computes what NCHW computes; bf16 mixed precision keeps fp32 masters and still learns.</summary>
public class ComputePolicyTests
{
    static readonly ComputePolicy ChannelsLast = new(ChannelsLast: true, Bf16: false);
    static readonly ComputePolicy Bf16 = new(ChannelsLast: false, Bf16: true);

    internal static (IGanRecipe Recipe, Batch Batch) Recipe(SharpGanConfig config, ComputePolicy policy)
    {
        var (images, _) = ImageFolder.Load(config.Data, config.Model.ImageSize);
        manual_seed(3);
        var recipe = GanKinds.CreateRecipe(config);
        ComputeLayers.Apply(recipe.Generator, policy);
        ComputeLayers.Apply(recipe.Discriminator, policy);
        var batch = new BatchLoader(images, 6, 1).Epoch(1).First().ToBatch();
        return (recipe, batch with { Images = policy.Input(batch.Images) });
    }

    internal static SharpGanConfig Config(string dir, string loss = "bce") => TinyRun.Config(dir) with
    {
        Train = TinyRun.Config(dir).Train with { Loss = loss },
        Model = TinyRun.Config(dir).Model with { DNorm = loss == "wgan-gp" ? "none" : "batch" },
    };

    /// <summary>G and D forwards, then one D and one G update by SGD (so the updates are the gradients themselves).</summary>
    static (Tensor Images, Tensor Scores, Tensor[] Weights) ForwardAndStep(ComputePolicy policy)
    {
        using var dir = new TempDir();
        var (recipe, batch) = Recipe(Config(dir.Path), policy);
        using var _ = recipe;
        using var optimizerG = optim.SGD(recipe.Generator.parameters(), 0.05);
        using var optimizerD = optim.SGD(recipe.Discriminator.parameters(), 0.05);
        manual_seed(9);
        var noise = recipe.Noise(6);
        Tensor images, scores;
        using (no_grad())
        {
            images = recipe.Generate(noise).contiguous();
            scores = ((nn.Module<Tensor, Tensor>)recipe.Discriminator).forward(batch.Images);
        }
        manual_seed(7);
        optimizerD.zero_grad();
        recipe.DiscriminatorPhase(batch);
        optimizerD.step();
        optimizerG.zero_grad();
        recipe.GeneratorPhase(batch);
        optimizerG.step();
        var weights = recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()).Select(p => p.detach().clone()).ToArray();
        return (images, scores, weights);
    }

    [Fact]
    public void Channels_last_gives_the_nchw_outputs_and_the_same_updated_weights()
    {
        var nchw = ForwardAndStep(ComputePolicy.Fp32Nchw);
        var channelsLast = ForwardAndStep(ChannelsLast);
        Assert.True(nchw.Images.allclose(channelsLast.Images, rtol: 1e-4, atol: 1e-5));
        Assert.True(nchw.Scores.allclose(channelsLast.Scores, rtol: 1e-4, atol: 1e-5));
        Assert.All(nchw.Weights.Zip(channelsLast.Weights), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 1e-4, atol: 1e-6)));
        Assert.NotEqual(0, nchw.Weights[0].sub(ForwardAndStepWeightsBefore()).abs().max().item<float>());   // the step did move them
    }

    static Tensor ForwardAndStepWeightsBefore()
    {
        using var dir = new TempDir();
        var (recipe, _) = Recipe(Config(dir.Path), ComputePolicy.Fp32Nchw);
        using var _ = recipe;
        return recipe.Generator.parameters().First().detach().clone();
    }

    [Fact]
    public void Activations_stay_channels_last_through_the_networks()
    {
        using var dir = new TempDir();
        var (recipe, batch) = Recipe(Config(dir.Path), ChannelsLast);
        using var _ = recipe;
        using var grad = no_grad();
        Assert.True(ComputePolicy.IsChannelsLast(batch.Images));
        Assert.True(ComputePolicy.IsChannelsLast(recipe.Generate(recipe.Noise(4))));
        Assert.True(ComputePolicy.IsChannelsLast(((DcganDiscriminator)recipe.Discriminator).Features(batch.Images)));
    }

    [Fact]
    public void Bf16_computes_close_to_fp32_and_returns_fp32_to_the_losses()
    {
        var fp32 = ForwardAndStep(ComputePolicy.Fp32Nchw);
        var bf16 = ForwardAndStep(Bf16);
        Assert.Equal(ScalarType.Float32, bf16.Images.dtype);
        Assert.Equal(ScalarType.Float32, bf16.Scores.dtype);
        // bf16 keeps 8 bits of mantissa: a few parts in a thousand per layer.
        Assert.True(fp32.Images.sub(bf16.Images).abs().max().item<float>() < 0.05f);
        Assert.True(fp32.Scores.sub(bf16.Scores).abs().max().item<float>() < 0.05f);
        Assert.All(bf16.Weights, w => Assert.Equal(ScalarType.Float32, w.dtype));
    }

    [Fact]
    public void Under_bf16_master_weights_gradients_adam_state_and_batchnorm_statistics_stay_fp32()
    {
        using var dir = new TempDir();
        var (recipe, batch) = Recipe(Config(dir.Path), Bf16);
        using var _ = recipe;
        using var optimizer = optim.Adam(recipe.Discriminator.parameters(), 2e-4, 0.5);
        optimizer.zero_grad();
        recipe.DiscriminatorPhase(batch);
        optimizer.step();
        Assert.All(recipe.Discriminator.parameters(), p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });
        Assert.All(recipe.Discriminator.buffers().Where(b => b.is_floating_point()), b => Assert.Equal(ScalarType.Float32, b.dtype));
        var states = optimizer.state_dict().State.Cast<Adam.State>().ToList();
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal((ScalarType.Float32, ScalarType.Float32), (s.exp_avg.dtype, s.exp_avg_sq.dtype)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_d_step_on_a_fixed_batch_lowers_its_loss_in_fp32_and_in_bf16(bool bf16)
    {
        using var dir = new TempDir();
        var (recipe, batch) = Recipe(Config(dir.Path), bf16 ? Bf16 : ComputePolicy.Fp32Nchw);
        using var _ = recipe;
        using var optimizer = optim.Adam(recipe.Discriminator.parameters(), 2e-4, 0.5);
        float LossAfterReseed()
        {
            manual_seed(5);
            optimizer.zero_grad();
            return recipe.DiscriminatorPhase(batch).Loss.item<float>();
        }
        float before = LossAfterReseed();
        optimizer.step();
        float after = LossAfterReseed();
        Assert.True(after < before, $"D loss {before} → {after}");
    }

    [Fact]
    public void The_gradient_penalty_works_under_bf16()
    {
        using var dir = new TempDir();
        var (recipe, batch) = Recipe(Config(dir.Path, "wgan-gp"), Bf16);
        using var _ = recipe;
        var loss = recipe.DiscriminatorPhase(batch).Loss.item<float>();
        Assert.True(float.IsFinite(loss));
        Assert.All(recipe.Discriminator.parameters(), p => Assert.True(p.grad!.isfinite().all().item<bool>()));
    }

    [Fact]
    public void A_checkpoint_written_under_bf16_resumes_under_fp32()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1);
        var (images, _) = ImageFolder.Load(config.Data, config.Model.ImageSize);
        manual_seed(config.Train.Seed);
        Tensor[] trained;
        var first = GanKinds.CreateRecipe(config);
        using (var trainer = new Trainer(config, first, new BatchLoader(images, 3, 1), [], compute: new ComputeChoice(Bf16, "test")))
        {
            trainer.Run();
            trained = Parameters(first);
        }
        var checkpoint = Checkpoint.Read(Path.Combine(dir.Path, "checkpoints", "last.ckpt"));
        Assert.StartsWith("bf16 nchw", checkpoint.Compute);
        Assert.Contains("bf16 nchw", File.ReadAllText(Path.Combine(dir.Path, "run.log")));

        var more = config with { Train = config.Train with { Epochs = 2 } };
        var second = GanKinds.CreateRecipe(more);
        using var resumed = new Trainer(more, second, new BatchLoader(images, 3, 1), [], checkpoint, new ComputeChoice(ComputePolicy.Fp32Nchw, "test"));
        Assert.All(trained.Zip(Parameters(second)), pair => Assert.Equal(0f, pair.First.sub(pair.Second).abs().max().item<float>()));
        Assert.Equal(TrainOutcome.Completed, resumed.Run());
        Assert.Equal(2, resumed.State.History.Count);
    }

    static Tensor[] Parameters(IGanRecipe recipe) =>
        [.. recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()).Select(p => p.detach().clone())];
}
