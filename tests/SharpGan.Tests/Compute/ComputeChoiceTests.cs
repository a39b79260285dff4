using SharpGan.Compute;

namespace SharpGan.Tests.Compute;

/// <summary>How <c>auto</c> resolves, with the CPU's flags and the probe's timings injected.</summary>
public class ComputeChoiceTests
{
    static readonly CpuFlags Xeon = new("Intel Xeon (no bf16)", new HashSet<string> { "avx2", "avx512f" });
    static readonly CpuFlags Epyc = new("AMD EPYC (bf16)", new HashSet<string> { "avx2", "avx512f", "avx512_bf16" });

    /// <summary>A probe in which bf16 is 3× and channels-last 1.3× faster than fp32 NCHW.</summary>
    static ProbeTimes FastBf16() => new(new Dictionary<ComputePolicy, double>
    {
        [ComputePolicy.Fp32Nchw] = 1.0,
        [new(true, false)] = 1 / 1.3,
        [new(false, true)] = 1 / 3.0,
        [new(true, true)] = 1 / 3.5,
    });

    [Fact]
    public void Auto_never_picks_bf16_on_a_cpu_without_native_bf16_however_fast_the_probe_says_it_is()
    {
        var choice = ComputeChoice.Resolve("auto", "auto", false, Xeon, FastBf16);
        Assert.False(choice.Policy.Bf16);
        Assert.True(choice.Policy.ChannelsLast);
        Assert.Contains("no native bf16", choice.Reason);
    }

    [Fact]
    public void Auto_picks_the_fastest_probed_policy_on_a_cpu_with_native_bf16()
    {
        var choice = ComputeChoice.Resolve("auto", "auto", false, Epyc, FastBf16);
        Assert.Equal(new ComputePolicy(ChannelsLast: true, Bf16: true), choice.Policy);
        Assert.Contains("bf16 channels-last 3.50×", choice.Reason);
    }

    [Fact]
    public void Auto_keeps_the_plain_path_when_the_gain_is_within_noise()
    {
        ProbeTimes Flat() => new(new Dictionary<ComputePolicy, double> { [ComputePolicy.Fp32Nchw] = 1.0, [new(true, false)] = 0.98 });
        Assert.Equal(ComputePolicy.Fp32Nchw, ComputeChoice.Resolve("auto", "auto", false, Xeon, Flat).Policy);
    }

    [Fact]
    public void Explicit_settings_are_obeyed_and_a_deterministic_run_never_probes()
    {
        ProbeTimes Fails() => throw new InvalidOperationException("probed");
        Assert.Equal(new ComputePolicy(true, true), ComputeChoice.Resolve("bf16", "channels-last", false, Epyc, Fails).Policy);
        Assert.Equal(ComputePolicy.Fp32Nchw, ComputeChoice.Resolve("fp32", "nchw", false, Epyc, Fails).Policy);
        Assert.Equal(ComputePolicy.Fp32Nchw, ComputeChoice.Resolve("auto", "auto", true, Epyc, Fails).Policy);
        Assert.Equal(new ComputePolicy(false, true), ComputeChoice.Resolve("bf16", "auto", false, Epyc, () => new(new Dictionary<ComputePolicy, double>
        {
            [ComputePolicy.Fp32Nchw] = 2.0, [new(false, true)] = 1.0, [new(true, true)] = 1.01,
        })).Policy);
    }

    [Fact]
    public void Bf16_asked_for_on_a_cpu_without_it_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => ComputeChoice.Resolve("bf16", "auto", false, Xeon, FastBf16));
        Assert.Contains("no native bf16", e.Message);
    }

    [Fact]
    public void Cpu_flags_are_read_from_cpuinfo()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "cpuinfo");
        File.WriteAllText(file, "processor\t: 0\nmodel name\t: AMD EPYC 9R14\nflags\t\t: fpu avx2 avx512f avx512_bf16 sse\n\nprocessor\t: 1\n");
        var cpu = CpuFlags.Read(file);
        Assert.Equal("AMD EPYC 9R14", cpu.Model);
        Assert.True(cpu.HasNativeBf16);
        Assert.Equal("AMD EPYC 9R14 [avx2 avx512f avx512_bf16]", cpu.ToString());
        Assert.False(CpuFlags.Read(Path.Combine(dir.Path, "missing")).HasNativeBf16);
    }
}
