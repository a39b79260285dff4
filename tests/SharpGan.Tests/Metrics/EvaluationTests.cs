using SharpGan.Cli;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Reporting;
using SharpGan.Tests.Cli;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

/// <summary>A domain backbone trained on real labelled images, and the evaluation end to end with it.</summary>
public class EvaluationTests(EvaluationTests.TrainedBackbone trained) : IClassFixture<EvaluationTests.TrainedBackbone>
{
    /// <summary>
    /// Two classes from the built-in flowers' manifest (plant-flower, plant-other), one folder each, and a backbone
    /// trained on them for a few epochs at 32 px; shared by the class.
    /// </summary>
    public sealed class TrainedBackbone : IDisposable
    {
        internal TempDir Dir { get; } = new();
        public string Classes => Dir["classes"];
        public string File => Dir["flowers.sgb"];

        public TrainedBackbone()
        {
            FlowerClasses.CopyTo(Classes);
            using var backbone = BackboneTraining.Train(Classes, new BackboneTrainingOptions(Size: 32, Epochs: 4, BatchSize: 16));
            backbone.Save(File);
        }

        public void Dispose() => Dir.Dispose();
    }

    [Fact]
    public void A_saved_backbone_loads_with_its_description_and_gives_the_same_features()
    {
        using var backbone = DomainBackbone.Load(trained.File);
        Assert.Equal(["plant-flower", "plant-other"], backbone.Classes);
        Assert.Equal("domain:classes/pool-128", backbone.Name);
        Assert.Equal(32, backbone.InputSize);
        Assert.Equal(58, backbone.Info.TrainImages + backbone.Info.ValidationImages);
        using var again = DomainBackbone.Load(trained.File);
        using var scope = NewDisposeScope();
        var images = rand(3, 3, 32, 32).mul(2).sub(1);
        var (features, probabilities) = backbone.Forward(images);
        Assert.Equal([3L, 128L], features.shape);
        Assert.True(probabilities!.sum(1).allclose(ones(3), atol: 1e-5));
        Assert.Equal(0f, features.sub(again.Forward(images).Features).abs().max().item<float>());
    }

    [Fact]
    public void A_generator_of_the_real_distribution_measures_the_floor_at_the_floors_counts()
    {
        // 1,000 reals and 1,000 pictures from the same distribution, as a perfect generator draws them (features of
        // a known distribution; the backbone only names the report).
        using var backbone = DomainBackbone.Load(trained.File);
        Tensor Draw(ulong seed)
        {
            using var generator = new Generator(seed);
            return randn([1000, 32], dtype: ScalarType.Float64, generator: generator);
        }

        var report = Evaluation.Compare(backbone, new FeatureSet(Draw(7), null), new FeatureSet(Draw(8), null), 32, new EvalOptions(KidSubsets: 5));

        Assert.Equal(500, report.FloorCount);
        Assert.InRange(report.FrechetDistanceAtFloorCounts / report.FloorFrechetDistance, 0.75, 1.33);
        // All 1,000 against all 1,000 measure about half the halves' floor: the counts, not a better generator.
        Assert.InRange(report.FrechetDistance / report.FloorFrechetDistance, 0.35, 0.65);
        Assert.Contains("at the floor's counts (500 generated, 500 real vs the other 500 real)", report.Summary());
    }

    [Fact]
    public void Real_against_itself_is_near_the_floor_and_noisier_images_score_worse()
    {
        using var backbone = DomainBackbone.Load(trained.File);
        var (images, _) = ImageFolder.Load(new DataConfig { Path = trained.Classes }, 32);
        var real = FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images));
        var options = new EvalOptions(KidSubsets: 20);
        var self = Evaluation.Compare(backbone, real, real, 32, options);
        Assert.True(self.FrechetDistance < 1e-3);
        Assert.Equal((1.0, 1.0), (self.Precision, self.Recall));

        double previous = self.FrechetDistance;
        foreach (var sigma in new[] { 0.2, 0.5, 1.0 })
        {
            using var generator = new Generator(3);
            var noisy = FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images).Select<Func<Tensor>, Func<Tensor>>(make => () =>
            {
                var x = make();
                return x.add(randn(x.shape, generator: generator).mul(sigma)).clamp(-1, 1);
            }));
            var report = Evaluation.Compare(backbone, real, noisy, 32, options);
            Assert.True(report.FrechetDistance > previous, $"σ {sigma}: {report.FrechetDistance} ≤ {previous}");
            previous = report.FrechetDistance;
        }
    }

    [Fact]
    public async Task Eval_command_writes_a_report_that_names_the_backbone_and_never_calls_it_fid()
    {
        using var dir = new TempDir();
        var (trainer, _) = TrainingSession.Open(TinyRun.Config(dir["run"], epochs: 1), []);
        using (trainer) trainer.Run();
        var (exit, text) = await CliOutput.Run("eval", "--real", trained.Classes, "--checkpoint", dir["run"], "--backbone", trained.File,
            "-n", "40", "--out", dir["eval.json"]);
        Assert.True(exit == 0, text);
        var json = File.ReadAllText(dir["eval.json"]);
        Assert.Contains("\"backbone\": \"domain:classes/pool-128\"", json);
        Assert.Contains("\"backbone_input_size\": 32", json);
        Assert.Contains("\"fake_count\": 40", json);
        Assert.Contains("bilinear", json);
        Assert.DoesNotContain("fid", json, StringComparison.OrdinalIgnoreCase);

        // the second evaluation against the same folder reads the real features back, and reports the same
        var (again, second) = await CliOutput.Run("eval", "--real", trained.Classes, "--checkpoint", dir["run"], "--backbone", trained.File,
            "-n", "40", "--out", dir["again.json"]);
        Assert.True(again == 0, second);
        Assert.Contains("real features: reused ", second);
        Assert.Equal(json, File.ReadAllText(dir["again.json"]));
    }

    [Fact]
    public void Training_with_eval_every_writes_a_row_per_evaluated_epoch()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 2) with { Eval = new EvalConfig { Every = 1, Backbone = trained.File, Real = trained.Classes, Samples = 16 } };
        using var sink = new EvalSink(config.Eval);
        var (trainer, _) = TrainingSession.Open(config, [sink]);
        using (trainer) trainer.Run();
        var lines = File.ReadAllLines(Path.Combine(dir["run"], EvalSink.FileName));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1,domain:classes/pool-128,32,58,16,", lines[1]);
        Assert.StartsWith("2,", lines[2]);
        Assert.True(File.Exists(Path.Combine(dir["run"], "eval.png")));
    }

    [Fact]
    public async Task Training_keeps_the_epoch_of_lowest_frechet_distance_as_best_and_sample_best_reads_it()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 4) with { Eval = new EvalConfig { Every = 1, Backbone = trained.File, Real = trained.Classes, Samples = 16 } };
        using (var sink = new EvalSink(config.Eval))
        {
            var (trainer, _) = TrainingSession.Open(config, [sink]);
            using (trainer) trainer.Run();
        }
        var distances = File.ReadAllLines(Path.Combine(dir["run"], EvalSink.FileName)).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => int.Parse(f[0]), f => double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture));
        int bestEpoch = distances.MinBy(p => p.Value).Key;
        var best = RunCheckpoints.LoadBest(dir["run"]);
        Assert.Equal(bestEpoch, best.State.History.Count);
        Assert.Equal(bestEpoch + 1, best.State.Epoch);

        int exit = await SharpGanCli.Build().Parse(["sample", "--checkpoint", dir["run"], "--best", "-n", "4", "--grid", "--out", dir["best.png"]]).InvokeAsync();
        Assert.Equal(0, exit);
        using var grid = SkiaSharp.SKBitmap.Decode(dir["best.png"]);
        Assert.True(grid.Width >= 2 * 32 && grid.Height >= 2 * 32, $"a grid of four 32-px samples, got {grid.Width}×{grid.Height}");

        // Per-class accuracy asks for classes, and an unconditional run draws none: refused before any sampling.
        var (refused, text) = await CliOutput.Run("eval", "--real", trained.Classes, "--checkpoint", dir["run"], "--backbone", trained.File, "--per-class");
        Assert.Equal((2, $"error: --per-class: '{dir["run"]}' draws no classes (an unconditional run)\n"), (refused, text));
    }

    [Fact]
    public void A_run_that_never_evaluated_has_no_best_and_says_how_to_get_one()
    {
        using var dir = new TempDir();
        var (trainer, _) = TrainingSession.Open(TinyRun.Config(dir["run"], epochs: 1), []);
        using (trainer) trainer.Run();
        var e = Assert.Throws<FileNotFoundException>(() => RunCheckpoints.LoadBest(dir["run"]));
        Assert.Contains("eval.every", e.Message);
        Assert.Contains("best.ckpt", e.Message);
    }

    [Fact]
    public void A_folder_without_class_folders_is_refused_by_name()
    {
        var e = Assert.Throws<DataException>(() => BackboneTraining.Train(Repo.Fixture("tiny"), new BackboneTrainingOptions(Size: 32, Epochs: 1)));
        Assert.Contains("one sub-folder per class", e.Message);
    }
}
