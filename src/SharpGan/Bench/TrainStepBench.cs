using System.Diagnostics;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Export;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Bench;

/// <summary>What to time: image sizes, steps per method and round, batch sizes.</summary>
public sealed record BenchOptions(int[] Sizes, int Steps = 6, int Warmup = 2, int Rounds = 2, int Batch = 64, int SampleBatch = 256, int SampleRepeats = 5);

/// <summary>
/// One method at one image size: training images/s (median step) and sampling images/s (best of the repeats),
/// each with its ratio to the bare fp32 NCHW loop. <see cref="Policy"/> is null for that anchor and for ONNX
/// Runtime, whose row samples only (its training figures are null).
/// </summary>
public sealed record BenchRow(int ImageSize, string Method, ComputePolicy? Policy, double? TrainImagesPerSecond, double? TrainRatio,
    double SampleImagesPerSecond, double SampleRatio);

/// <summary>
/// The DCGAN training step (batch 64, nz 100, ngf = ndf = 64) in one process, side by side: the bare TorchSharp loop
/// in fp32 NCHW on batches gathered beforehand (the anchor), and SharpGan's trainer (its data loader included) under
/// each compute policy; then sampling (eval, no autograd, batch 256) the same ways, and the same generator exported
/// to ONNX and run by ONNX Runtime (fp32, as many threads as torch). Methods take turns within each round, so all of
/// them see the same machine state.
/// </summary>
public static class TrainStepBench
{
    public const string Anchor = "bare TorchSharp loop, fp32 nchw";
    public const string OnnxRuntime = "ONNX Runtime, fp32 nchw (exported generator)";

    public static IReadOnlyList<BenchRow> Run(Func<int, ImageSet> images, BenchOptions options, IReadOnlyList<ComputePolicy> policies,
        Action<string>? log = null)
    {
        var rows = new List<BenchRow>();
        foreach (var size in options.Sizes)
        {
            var set = images(size);
            var train = new Dictionary<string, List<double>>();
            var sample = new Dictionary<string, double>();
            void Add(string method, IEnumerable<double> stepSeconds, double sampleSeconds)
            {
                (train.TryGetValue(method, out var list) ? list : train[method] = []).AddRange(stepSeconds);
                sample[method] = Math.Min(sample.GetValueOrDefault(method, double.MaxValue), sampleSeconds);
            }
            for (int round = 1; round <= options.Rounds; round++)
            {
                log?.Invoke($"{size} px, round {round}/{options.Rounds}: {Anchor}");
                Add(Anchor, TimeBare(set, options), TimeBareSampling(size, options));
                foreach (var policy in policies)
                {
                    log?.Invoke($"{size} px, round {round}/{options.Rounds}: SharpGan trainer, {policy}");
                    Add(Name(policy), TimeTrainer(set, options, policy), TimeSampling(size, options, policy));
                }
                log?.Invoke($"{size} px, round {round}/{options.Rounds}: {OnnxRuntime}");
                sample[OnnxRuntime] = Math.Min(sample.GetValueOrDefault(OnnxRuntime, double.MaxValue), TimeOnnxSampling(size, options));
            }
            double anchorTrain = ImagesPerSecond(train[Anchor], options.Batch), anchorSample = options.SampleBatch / sample[Anchor];
            rows.Add(new BenchRow(size, Anchor, null, anchorTrain, 1, anchorSample, 1));
            foreach (var policy in policies)
            {
                double t = ImagesPerSecond(train[Name(policy)], options.Batch), s = options.SampleBatch / sample[Name(policy)];
                rows.Add(new BenchRow(size, Name(policy), policy, t, t / anchorTrain, s, s / anchorSample));
            }
            double onnx = options.SampleBatch / sample[OnnxRuntime];
            rows.Add(new BenchRow(size, OnnxRuntime, null, null, null, onnx, onnx / anchorSample));
        }
        return rows;
    }

    /// <summary>
    /// Any unconditional recipe from a config (its model, loss and tricks; e.g. <c>configs/r3gan-64.yaml</c>) under
    /// each policy, side by side in rounds like <see cref="Run"/>, each row's ratios to the first policy (fp32 NCHW):
    /// the bare loop is DCGAN's and has no counterpart for another network. Sampling runs the recipe's G.
    /// </summary>
    public static IReadOnlyList<BenchRow> RunRecipe(SharpGanConfig recipe, ImageSet images, BenchOptions options, IReadOnlyList<ComputePolicy> policies,
        Action<string>? log = null)
    {
        var train = policies.ToDictionary(p => p, _ => new List<double>());
        var sample = policies.ToDictionary(p => p, _ => double.MaxValue);
        for (int round = 1; round <= options.Rounds; round++)
            foreach (var policy in policies)
            {
                log?.Invoke($"{images.Size} px, round {round}/{options.Rounds}: SharpGan trainer, {policy}");
                train[policy].AddRange(TimeTrainer(images, options, policy, recipe: recipe));
                sample[policy] = Math.Min(sample[policy], TimeRecipeSampling(recipe, options, policy));
            }
        double baseTrain = ImagesPerSecond(train[policies[0]], options.Batch), baseSample = options.SampleBatch / sample[policies[0]];
        return [.. policies.Select(policy =>
        {
            double t = ImagesPerSecond(train[policy], options.Batch), s = options.SampleBatch / sample[policy];
            return new BenchRow(images.Size, Name(policy), policy, t, t / baseTrain, s, s / baseSample);
        })];
    }

    public static string Name(ComputePolicy policy) => $"SharpGan trainer, {policy}";

    /// <summary>Milliseconds the data loader takes to gather one batch on its own (it runs on a background task during steps).</summary>
    public static double LoaderMilliseconds(ImageSet images, int batch, int batches = 8)
    {
        var loader = new BatchLoader(images, batch, 1);
        var clock = Stopwatch.StartNew();
        int n = 0;
        foreach (var host in loader.Epoch(1).Take(batches))
        {
            using var scope = NewDisposeScope();
            host.ToBatch();
            n++;
        }
        return clock.Elapsed.TotalMilliseconds / n;
    }

    static List<double> TimeBare(ImageSet images, BenchOptions options)
    {
        manual_seed(1);
        using var loop = new BareDcganLoop(images.Size);
        using var scope = NewDisposeScope();
        var batches = Batches(images, options).Take(options.Warmup + options.Steps).Select(h => h.ToBatch().Images).ToList();
        var times = new List<double>();
        for (int step = 0; step < batches.Count; step++)
        {
            var clock = Stopwatch.StartNew();
            loop.Step(batches[step]);
            if (step >= options.Warmup) times.Add(clock.Elapsed.TotalSeconds);
        }
        return times;
    }

    static IEnumerable<HostBatch> Batches(ImageSet images, BenchOptions options)
    {
        var loader = new BatchLoader(images, options.Batch, 1);
        for (int epoch = 1; ; epoch++)
            foreach (var host in loader.Epoch(epoch))
                yield return host;
    }

    /// <summary>
    /// One trainer step under each policy, split into its spans (<see cref="StepProfile"/>): milliseconds per step
    /// over <see cref="BenchOptions.Steps"/> steps after the warm-up, the step's whole time, and the minor page faults
    /// per step (where Linux counts them). The policies take turns within each of <see cref="BenchOptions.Rounds"/>
    /// rounds, as in the bench, and each figure is the mean of its rounds, so a machine that drifts shifts every
    /// column alike.
    /// </summary>
    public static IReadOnlyList<PolicyProfile> Profile(ImageSet images, BenchOptions options, IReadOnlyList<ComputePolicy> policies, SharpGanConfig? recipe = null)
    {
        var rounds = policies.ToDictionary(p => p, _ => new List<PolicyProfile>());
        for (int round = 0; round < options.Rounds; round++)
            foreach (var policy in policies)
            {
                StepProfile.Recording? recording = null;
                long? faultsAtStart = null;
                try
                {
                    var times = TimeTrainer(images, options, policy, atWarmupEnd: () =>
                    {
                        faultsAtStart = PageFaults.Minor();
                        recording = StepProfile.Start();
                    }, recipe);
                    double? faults = PageFaults.Minor() - faultsAtStart is { } f ? (double)f / Math.Max(1, recording!.Steps) : null;
                    rounds[policy].Add(new PolicyProfile(policy, recording!.PerStep(), 1000 * times.Average(), faults));
                }
                finally
                {
                    recording?.Dispose();
                }
            }
        return [.. policies.Select(policy =>
        {
            var measured = rounds[policy];
            var names = measured.SelectMany(r => r.Spans.Select(s => s.Name)).Distinct();
            IReadOnlyList<(string, double)> spans = [.. names.Select(name => (name, measured.Average(r => r.Spans.FirstOrDefault(s => s.Name == name).Milliseconds)))];
            double? faults = measured.All(r => r.PageFaultsPerStep is not null) ? measured.Average(r => r.PageFaultsPerStep!.Value) : null;
            return new PolicyProfile(policy, spans, measured.Average(r => r.StepMilliseconds), faults);
        })];
    }

    /// <summary>A policy's step in <see cref="Profile"/>: milliseconds per step of each span and of the whole step, and
    /// minor page faults per step (null where the system does not count them).</summary>
    public sealed record PolicyProfile(ComputePolicy Policy, IReadOnlyList<(string Name, double Milliseconds)> Spans, double StepMilliseconds,
        double? PageFaultsPerStep);

    /// <summary>The bench's DCGAN (ngf = ndf = 64, nz 100) at <paramref name="size"/>: the bare loop's recipe, plain
    /// DCGAN with no EMA and no augmentation, which would time more than the loop does.</summary>
    public static SharpGanConfig Dcgan(int size) => new()
    {
        Model = new ModelConfig { ImageSize = size, Latent = "100x1x1", Ngf = 64, Ndf = 64 },
        Tricks = new TricksConfig { Ada = AdaMode.Off, EmaKimg = 0 },
    };

    /// <summary>Step times of the trainer on <paramref name="recipe"/> (the bench's DCGAN when null): its model, loss
    /// and tricks, the bench's batch, no flips, no budget, nothing written but a temporary folder.</summary>
    internal static List<double> TimeTrainer(ImageSet images, BenchOptions options, ComputePolicy policy, Action? atWarmupEnd = null,
        SharpGanConfig? recipe = null)
    {
        var output = Directory.CreateTempSubdirectory("sharpgan-bench-");
        try
        {
            var timed = recipe ?? Dcgan(images.Size);
            var config = timed with
            {
                Data = timed.Data with { FlipHorizontal = false },
                Train = timed.Train with { Epochs = 1_000, Minutes = 0, BatchSize = options.Batch, SampleCount = 4, CheckpointEvery = 1_000 },
                Output = new OutputConfig { Dir = output.FullName, TensorBoard = false, Gif = false },
            };
            manual_seed(1);
            var loader = new BatchLoader(images, options.Batch, 1);
            using var trainer = new Trainer(config, GanKinds.CreateRecipe(config), loader, [], compute: new ComputeChoice(policy, "bench"));
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            if (options.Warmup == 0) atWarmupEnd?.Invoke();
            trainer.Run(new ProgressCallback(p =>
            {
                if (p.Step == options.Warmup) atWarmupEnd?.Invoke();
                if (p.Step > options.Warmup) times.Add(clock.Elapsed.TotalSeconds);
                if (p.Step >= options.Warmup + options.Steps) stop.Cancel();
                clock.Restart();
            }), stop.Token);
            return times;
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    static double TimeBareSampling(int size, BenchOptions options)
    {
        manual_seed(1);
        using var loop = new BareDcganLoop(size);
        return Best(options.SampleRepeats, () => loop.Sample(options.SampleBatch));
    }

    static DcganGenerator Generator(int size)
    {
        manual_seed(1);
        return new DcganGenerator(new ModelConfig { ImageSize = size, Latent = "100x1x1", Ngf = 64, Ndf = 64 });
    }

    /// <summary>The sampling fast path: G in eval mode, no autograd, one large batch, under the policy.</summary>
    static double TimeSampling(int size, BenchOptions options, ComputePolicy policy)
    {
        using var generator = Generator(size);
        generator.eval();
        ComputeLayers.Apply(generator, policy);
        return Best(options.SampleRepeats, () =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            generator.forward(generator.Noise(options.SampleBatch))[0, 0, 0, 0].item<float>();
        });
    }

    /// <summary>The sampling fast path on a recipe's own G (its noise, and its conditions where it has any).</summary>
    static double TimeRecipeSampling(SharpGanConfig config, BenchOptions options, ComputePolicy policy)
    {
        manual_seed(1);
        using var recipe = GanKinds.CreateRecipe(config);
        recipe.Generator.eval();
        ComputeLayers.Apply(recipe.Generator, policy);
        return Best(options.SampleRepeats, () =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            recipe.Generate(recipe.Noise(options.SampleBatch))[0, 0, 0, 0].item<float>();
        });
    }

    /// <summary>The same generator through ONNX Runtime: the session made untimed, one batch of noise per run.</summary>
    static double TimeOnnxSampling(int size, BenchOptions options)
    {
        byte[] model;
        using (var generator = Generator(size))
            model = GeneratorExport.NoiseGraph(generator, generator.Latent, "the bench's DCGAN");
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = get_num_threads() };
        using var session = new InferenceSession(model, sessionOptions);
        var random = new Random(1);
        var noise = new DenseTensor<float>(Enumerable.Range(0, options.SampleBatch * 100).Select(_ => (float)random.NextDouble()).ToArray(), [options.SampleBatch, 100, 1, 1]);
        var feeds = new[] { NamedOnnxValue.CreateFromTensor("noise", noise) };
        return Best(options.SampleRepeats, () =>
        {
            using var results = session.Run(feeds);
        });
    }

    /// <summary>Best wall time of <paramref name="repeats"/> calls after an untimed one.</summary>
    static double Best(int repeats, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    static double ImagesPerSecond(List<double> stepSeconds, int batch)
    {
        var sorted = stepSeconds.Order().ToArray();
        return batch / sorted[sorted.Length / 2];
    }
}
