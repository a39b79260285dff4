using SharpGan.Bench;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Bench;

/// <summary>The bench runs end to end (its numbers are for the bench command, not for tests to judge).</summary>
public class TrainStepBenchTests
{
    [Fact]
    public void Every_method_gets_a_row_with_its_ratio_to_the_anchor()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var options = new BenchOptions([32], Steps: 1, Warmup: 0, Rounds: 1, Batch: 8, SampleBatch: 8, SampleRepeats: 1);
        var rows = TrainStepBench.Run(_ => images, options, [ComputePolicy.Fp32Nchw, new ComputePolicy(true, true)]);
        Assert.Equal([TrainStepBench.Anchor, "SharpGan trainer, fp32 nchw", "SharpGan trainer, bf16 channels-last", TrainStepBench.OnnxRuntime], rows.Select(r => r.Method));
        Assert.Equal((1.0, 1.0), (rows[0].TrainRatio, rows[0].SampleRatio));
        Assert.All(rows.SkipLast(1), r => Assert.True(r.TrainImagesPerSecond > 0 && r.SampleImagesPerSecond > 0));
        // ONNX Runtime samples only.
        Assert.Equal((null, null), (rows[^1].TrainImagesPerSecond, rows[^1].TrainRatio));
        Assert.True(rows[^1].SampleImagesPerSecond > 0);
    }

    [Fact]
    public void A_profile_splits_the_step_into_its_spans()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var options = new BenchOptions([32], Steps: 2, Warmup: 1, Rounds: 2, Batch: 8);
        var channelsLast = new ComputePolicy(ChannelsLast: true, Bf16: false);
        var profiles = TrainStepBench.Profile(images, options, [ComputePolicy.Fp32Nchw, channelsLast]);
        Assert.Equal([ComputePolicy.Fp32Nchw, channelsLast], profiles.Select(p => p.Policy));
        // Only the channels-last column copies weights (its rounds averaged into one column).
        Assert.Contains(profiles[1].Spans, s => s.Name == "of which (in forwards): weight copies and casts" && s.Milliseconds > 0);
        Assert.DoesNotContain(profiles[0].Spans, s => s.Name == "of which (in forwards): weight copies and casts");
        var (policy, spans, step, faults) = profiles[0];
        Assert.InRange(faults!.Value, 0, 1e9);   // Linux counts them
        var byName = spans.ToDictionary(s => s.Name, s => s.Milliseconds);
        foreach (var name in new[] { "loader wait", "optimiser: clear gradients", "D forward (real)", "G forward", "D forward (fake)", "D backward", "optimiser: D step",
                     "D forward (G's phase)", "G backward (through D)", "optimiser: G step", "of which (in forwards): batch norm" })
            Assert.True(byName.ContainsKey(name), $"no span '{name}' in {string.Join(", ", byName.Keys)}");
        // The phases lie inside the step, the forwards inside their phase, and the order is the order they began.
        Assert.InRange(byName["D phase (all of it)"] + byName["G phase (all of it)"], 0, step);
        Assert.InRange(byName["D forward (real)"] + byName["G forward"] + byName["D forward (fake)"] + byName["D backward"], 0, byName["D phase (all of it)"] * 1.01);
        Assert.True(spans.ToList().FindIndex(s => s.Name == "D phase (all of it)") < spans.ToList().FindIndex(s => s.Name == "D forward (real)"));
        Assert.Equal(ComputePolicy.Fp32Nchw, policy);
    }

    [Fact]
    public void The_optimiser_alone_is_timed_both_ways_on_the_bench_networks()
    {
        var times = OptimiserStepBench.Run(32, new BenchOptions([32], Steps: 2, Warmup: 1, Rounds: 1));
        var config = new SharpGanConfig { Model = new ModelConfig { ImageSize = 32, Latent = "100x1x1", Ngf = 64, Ndf = 64 } };
        using var recipe = SharpGan.Recipes.Kinds.GanKinds.CreateRecipe(config);
        Assert.Equal(recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()).Sum(p => p.numel()), times.Parameters);
        Assert.All(new[] { times.StockMilliseconds, times.OnePassMilliseconds, times.ZeroMilliseconds, times.ClearMilliseconds }, ms => Assert.True(ms > 0));
    }

    [Fact]
    public void The_convolutions_alone_are_timed_under_each_policy()
    {
        var bf16 = new ComputePolicy(ChannelsLast: true, Bf16: true);
        var times = ConvolutionsAloneBench.Run(32, new BenchOptions([32], Steps: 2, Warmup: 1, Rounds: 1, Batch: 4), [ComputePolicy.Fp32Nchw, bf16]);
        Assert.Equal([ComputePolicy.Fp32Nchw, bf16], times.Select(t => t.Policy));
        Assert.All(times, t => Assert.True(t.Milliseconds > 0));
    }

    [Fact]
    public void The_step_is_timed_with_libtorchs_kernels_alone_and_with_the_patch_routes()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var bf16 = new ComputePolicy(ChannelsLast: true, Bf16: true);
        var times = ConvolutionRouteBench.Run(images, new BenchOptions([32], Steps: 2, Warmup: 1, Rounds: 1, Batch: 8), [bf16, ComputePolicy.Fp32Nchw]);
        Assert.Equal([bf16, ComputePolicy.Fp32Nchw], times.Select(t => t.Policy));
        Assert.All(times, t => Assert.True(t.KernelsMilliseconds > 0 && t.PatchesMilliseconds > 0));
        // The switch was this thread's, and is put back.
        using var scope = TorchSharp.torch.NewDisposeScope();
        var picture = ComputePolicy.ToChannelsLast(TorchSharp.torch.randn(2, 3, 8, 8)).requires_grad_(true);
        Assert.Equal(ConvolutionRoute.Patches, SafeConvolution.Route(picture, TorchSharp.torch.randn(16, 3, 4, 4), 2, 1, transposed: false));
    }

    /// <summary>The residual recipe of configs/r3gan-64.yaml at 32 px: R3GAN's networks, RpGAN, R1 + R2.</summary>
    static SharpGanConfig Residual() => new()
    {
        Model = new ModelConfig { ImageSize = 32, Architecture = "r3gan" },
        Train = new TrainConfig { Loss = "rpgan", Beta1 = 0, Beta2 = 0.99, BatchSize = 8 },
        Tricks = new TricksConfig { R1Gamma = 1, R2Gamma = 1, Ada = AdaMode.Off },
    };

    [Fact]
    public void A_recipe_from_a_config_gets_a_row_per_policy_against_its_fp32_nchw()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var options = new BenchOptions([32], Steps: 1, Warmup: 0, Rounds: 1, Batch: 8, SampleBatch: 8, SampleRepeats: 1);
        var rows = TrainStepBench.RunRecipe(Residual(), images, options, [ComputePolicy.Fp32Nchw, new ComputePolicy(true, false)]);
        Assert.Equal(["SharpGan trainer, fp32 nchw", "SharpGan trainer, fp32 channels-last"], rows.Select(r => r.Method));
        Assert.Equal((1.0, 1.0), (rows[0].TrainRatio, rows[0].SampleRatio));
        Assert.All(rows, r => Assert.True(r.TrainImagesPerSecond > 0 && r.SampleImagesPerSecond > 0 && r.TrainRatio > 0));
    }

    [Fact]
    public void A_recipes_profile_shows_its_penalties_and_the_reals_its_paired_loss_reads()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var images = ImageSet.From(Enumerable.Range(0, 24).Select(i => set.Prepared(i % set.Count)).ToList(), 32);
        var options = new BenchOptions([32], Steps: 2, Warmup: 1, Rounds: 1, Batch: 8);
        var (_, spans, step, _) = Assert.Single(TrainStepBench.Profile(images, options, [ComputePolicy.Fp32Nchw], Residual()));
        var byName = spans.ToDictionary(s => s.Name, s => s.Milliseconds);
        Assert.InRange(byName["D's gradient penalties (their forwards and input gradients)"], 1e-3, byName["D phase (all of it)"]);
        Assert.InRange(byName["D forward (reals, for G's paired loss)"], 1e-3, byName["G phase (all of it)"]);
        Assert.DoesNotContain("of which (in forwards): batch norm", byName.Keys);   // R3GAN has no normalisation
        Assert.InRange(byName["D phase (all of it)"] + byName["G phase (all of it)"], 0, step);
    }
}
