using System.Diagnostics;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// Seconds per training step of a throwaway trainer: <c>auto</c>'s probe of a run's own step, and <c>sharpgan bench</c>.
/// The trainer is the real one (its loader, recipe, losses, tricks and bookkeeping), on the CPU, under one policy,
/// writing only into a temporary folder it then deletes; the config's output, epochs, budget and collapse watch do
/// not apply. Epochs end as the data does (a grid of four, no checkpoint), inside the step after.
/// </summary>
internal static class StepTiming
{
    public static List<double> Time(SharpGanConfig config, Func<SharpGanConfig, IGanRecipe> recipe, ImageSet images, ComputePolicy policy,
        int warmup, int steps, Action? atWarmupEnd = null)
    {
        var output = Directory.CreateTempSubdirectory("sharpgan-steps-");
        try
        {
            var run = config with
            {
                Train = config.Train with { Epochs = 1_000_000, Minutes = 0, SampleCount = 4, CheckpointEvery = 1_000_000 },
                Output = new OutputConfig { Dir = output.FullName, TensorBoard = false, Gif = false },
                Collapse = new CollapseConfig(),
            };
            manual_seed(1);
            var loader = new BatchLoader(images, run.Train.BatchSize, 1);
            using var trainer = new Trainer(run, recipe(run), loader, [], compute: new ComputeChoice(policy, "timing"));
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            if (warmup == 0) atWarmupEnd?.Invoke();
            trainer.Run(new ProgressCallback(p =>
            {
                if (p.Step == warmup) atWarmupEnd?.Invoke();
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
}
