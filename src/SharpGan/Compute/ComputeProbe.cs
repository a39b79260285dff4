using System.Diagnostics;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Compute;

/// <summary>Seconds per pass of a probe, for each policy it was timed under, and where they came from.</summary>
public sealed record ProbeTimes(IReadOnlyDictionary<ComputePolicy, double> Seconds, string Origin = "measured now")
{
    public double SpeedUp(ComputePolicy policy) => Seconds[ComputePolicy.Fp32Nchw] / Seconds[policy];
}

/// <summary>
/// A short timing (well under a second) that decides <c>auto</c>: a DCGAN-like pair of layers (a strided transposed
/// convolution and a strided convolution, 128 → 64 → 64 channels, 16 → 32 → 16 pixels, batch 32), forward and backward
/// through the policy's weight copies, under each candidate policy: best of five passes after an untimed one.
/// </summary>
public static class ComputeProbe
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, ProbeTimes> ByThreads = new();

    /// <summary>
    /// This machine's probe at the current thread count: remembered in the user's cache (<see cref="ProbeCache"/>),
    /// so that <c>auto</c> decides the same way in every run on this machine, and measured only the first time.
    /// </summary>
    public static ProbeTimes Current => ByThreads.GetOrAdd(get_num_threads(),
        threads => ProbeCache.Default.TimesFor(CpuFlags.Current, threads, () => Time(Candidates(CpuFlags.Current))));

    public static IReadOnlyList<ComputePolicy> Candidates(CpuFlags cpu) => cpu.HasNativeBf16
        ? [ComputePolicy.Fp32Nchw, new(true, false), new(false, true), new(true, true)]
        : [ComputePolicy.Fp32Nchw, new(true, false)];

    public static ProbeTimes Time(IReadOnlyList<ComputePolicy> policies, int passes = 5)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var up = randn([128, 64, 4, 4], generator: generator).mul_(0.02).requires_grad_();
        var down = randn([64, 64, 4, 4], generator: generator).mul_(0.02).requires_grad_();
        var input = randn([32, 128, 16, 16], generator: generator);
        var seconds = policies.ToDictionary(p => p, _ => double.MaxValue);
        // Round-robin, best of each: a hiccup of the machine hits one pass, not one policy.
        for (int pass = 0; pass <= passes; pass++)
            foreach (var policy in policies)
            {
                using var inner = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                var x = policy.Activation(policy.Input(input));
                var h = F.relu(F.conv_transpose2d(x, policy.Weight(up), strides: [2], padding: [1]));
                var y = F.conv2d(h, policy.Weight(down), strides: [2], padding: [1]);
                ComputePolicy.Fp32(y).square().mean().backward();
                if (pass > 0) seconds[policy] = Math.Min(seconds[policy], clock.Elapsed.TotalSeconds);
            }
        return new ProbeTimes(seconds);
    }
}
