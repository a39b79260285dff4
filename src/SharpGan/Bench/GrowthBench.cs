using SharpGan.Compute;
using SharpGan.Data;

namespace SharpGan.Bench;

/// <summary>One trainer configuration of <see cref="GrowthBench"/>: images per second and the memory its steps took
/// above what the process held before (networks, optimiser state, activations and gradients; null off Linux).</summary>
public sealed record GrowthRow(int ImageSize, int Batch, double TrainImagesPerSecond, double StepSeconds, double? StepMegabytes);

/// <summary>
/// How the cost of training grows with the picture's side and the batch (<c>sharpgan bench --growth</c>): the trainer
/// under one policy (auto's), DCGAN with ngf = ndf = 64 as the rest of the bench, every size × batch in turn, the
/// median of the timed steps after the untimed ones.
/// </summary>
public static class GrowthBench
{
    public static IReadOnlyList<GrowthRow> Run(Func<int, int, ImageSet> images, IReadOnlyList<int> sizes, IReadOnlyList<int> batches,
        BenchOptions options, ComputePolicy policy, Action<string>? log = null)
    {
        var rows = new List<GrowthRow>();
        foreach (var size in sizes)
            foreach (var batch in batches)
            {
                log?.Invoke($"{size} px, batch {batch}: {TrainStepBench.Name(policy)}");
                var set = images(size, batch);
                GC.Collect();
                bool peak = ResidentMemory.ResetPeak();
                long? before = ResidentMemory.Bytes();
                var times = TrainStepBench.TimeTrainer(set, options with { Batch = batch }, policy);
                long? after = peak ? ResidentMemory.PeakBytes() : null;
                double median = times.Order().ElementAt(times.Count / 2);
                rows.Add(new GrowthRow(size, batch, batch / median, median, after - before is { } grown ? grown / 1048576.0 : null));
            }
        return rows;
    }
}
