using System.Diagnostics;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Bench;

/// <summary>Images per second of one method, from the median of its per-step wall times.</summary>
public sealed record BenchResult(string Method, int Steps, double MedianSeconds, double BestSeconds, int BatchSize)
{
    public double ImagesPerSecond => BatchSize / MedianSeconds;
}

/// <summary>
/// The DCGAN-64 training step (batch 64, nz 100, ngf = ndf = 64) through SharpGan's trainer and through the bare
/// TorchSharp loop, interleaved in rounds in one process so both see the same machine state.
/// </summary>
public static class TrainStepBench
{
    public static IReadOnlyList<BenchResult> Run(ImageSet images, int steps, int warmup, int rounds, int batch = 64,
        Action<string>? log = null)
    {
        var bare = new List<double>();
        var trainer = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            log?.Invoke($"round {round + 1}/{rounds}: bare TorchSharp loop");
            bare.AddRange(TimeBare(images, steps, warmup, batch));
            log?.Invoke($"round {round + 1}/{rounds}: SharpGan trainer");
            trainer.AddRange(TimeTrainer(images, steps, warmup, batch));
        }
        return [Summarise("bare TorchSharp loop", bare, batch), Summarise("SharpGan trainer", trainer, batch)];
    }

    static IEnumerable<double> TimeBare(ImageSet images, int steps, int warmup, int batch)
    {
        manual_seed(1);
        using var loop = new BareDcganLoop();
        var loader = new BatchLoader(images, batch, 1);
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        int step = 0;
        foreach (var host in loader.Epoch(1).Take(warmup + steps))
        {
            using (NewDisposeScope())
                loop.Step(host.ToBatch().Images);
            if (step++ >= warmup) times.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
        }
        return times;
    }

    static IEnumerable<double> TimeTrainer(ImageSet images, int steps, int warmup, int batch)
    {
        var output = Directory.CreateTempSubdirectory("sharpgan-bench-");
        try
        {
            var config = new SharpGanConfig
            {
                Data = new DataConfig { FlipHorizontal = false },
                Model = new ModelConfig { ImageSize = images.Size, Latent = "100x1x1", Ngf = 64, Ndf = 64 },
                Train = new TrainConfig { Epochs = 1, BatchSize = batch, SampleCount = 4 },
                Output = new OutputConfig { Dir = output.FullName, TensorBoard = false, Gif = false },
            };
            manual_seed(1);
            var loader = new BatchLoader(images, batch, 1);
            using var trainer = new Trainer(config, RecipeRegistry.Create(config), loader, []);
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            trainer.Run(new ProgressCallback(p =>
            {
                if (p.Step > warmup) times.Add(clock.Elapsed.TotalSeconds);
                if (p.Step >= warmup + steps) stop.Cancel();
                clock.Restart();
            }), stop.Token);
            return times;
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    static BenchResult Summarise(string method, List<double> seconds, int batch)
    {
        var sorted = seconds.Order().ToArray();
        return new BenchResult(method, sorted.Length, sorted[sorted.Length / 2], sorted[0], batch);
    }
}
