using SharpGan.Compute;
using SharpGan.Data;

namespace SharpGan.Bench;

/// <summary>The trainer's step, median ms, with libtorch's convolution kernels alone (channels padded to 16 where
/// they need it) and with SharpGan's patch routes (<see cref="SafeConvolution"/>), under one policy.</summary>
public sealed record ConvolutionRouteTimes(ComputePolicy Policy, double KernelsMilliseconds, double PatchesMilliseconds);

/// <summary>
/// What the patch routes buy, side by side in one process: the trainer's step on the bench's DCGAN under each policy
/// given, the two ways taking turns within each of <see cref="BenchOptions.Rounds"/> rounds; the median step of each.
/// </summary>
public static class ConvolutionRouteBench
{
    public static IReadOnlyList<ConvolutionRouteTimes> Run(ImageSet images, BenchOptions options, IReadOnlyList<ComputePolicy> policies)
    {
        var steps = policies.ToDictionary(p => p, _ => (Kernels: new List<double>(), Patches: new List<double>()));
        for (int round = 0; round < options.Rounds; round++)
            foreach (var policy in policies)
            {
                // The trainer steps on this thread, so the switch reaches every convolution of its step.
                using (SafeConvolution.KernelsAlone())
                    steps[policy].Kernels.AddRange(TrainStepBench.TimeTrainer(images, options, policy));
                steps[policy].Patches.AddRange(TrainStepBench.TimeTrainer(images, options, policy));
            }
        return [.. policies.Select(p => new ConvolutionRouteTimes(p, Median(steps[p].Kernels), Median(steps[p].Patches)))];
    }

    static double Median(List<double> seconds)
    {
        seconds.Sort();
        return 1000 * seconds[seconds.Count / 2];
    }
}
