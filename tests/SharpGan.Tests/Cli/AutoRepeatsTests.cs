using SharpGan.Compute;
using SharpGan.Reporting;

namespace SharpGan.Tests.Cli;

/// <summary>Under train.precision/layout auto, the same command and seed give the same bits on one machine: the
/// probe's decision is remembered, and sampling computes as the run recorded.</summary>
public class AutoRepeatsTests
{
    [Fact]
    public void The_same_seed_twice_under_auto_gives_identical_metrics_grids_and_samples()
    {
        using var dir = new TempDir();
        var cache = new Dictionary<string, string> { ["SHARPGAN_COMPUTE_CACHE"] = dir["compute-cache"] };
        string[] Args(string run) =>
        [
            "train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "2", "--size", "32", "--seed", "9",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4",
            "--set", "output.gif=false", "--set", "output.tensor_board=false",
        ];
        var (first, firstOutput) = CliProcess.Run(Args(dir["a"]), cache);
        var (second, secondOutput) = CliProcess.Run(Args(dir["b"]), cache);
        Assert.Equal((0, 0), (first, second));
        Assert.Contains("remembered in " + dir["compute-cache"], secondOutput);

        // Every column but the wall-clock seconds.
        static IEnumerable<string> Numbers(string run) => File.ReadAllLines(Path.Combine(run, "metrics.csv"))
            .Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 7)));
        Assert.Equal(Numbers(dir["a"]), Numbers(dir["b"]));
        for (int epoch = 1; epoch <= 2; epoch++)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a"], "samples", SampleGridSink.FileName(epoch))),
                File.ReadAllBytes(Path.Combine(dir["b"], "samples", SampleGridSink.FileName(epoch))));

        var grids = Enumerable.Range(0, 3).Select(i =>
        {
            var file = dir[$"grid{i}.png"];
            Assert.Equal(0, CliProcess.Run(["sample", "--checkpoint", dir["a"], "-n", "9", "--grid", "--seed", "7", "--out", file], cache).Exit);
            return File.ReadAllBytes(file);
        }).ToList();
        Assert.Equal(grids[0], grids[1]);
        Assert.Equal(grids[0], grids[2]);
    }

    [Fact]
    public void A_remembered_probe_is_used_instead_of_timing_again()
    {
        using var dir = new TempDir();
        var cpu = new CpuFlags("Test CPU", new HashSet<string> { "avx2", "avx512_bf16" });
        int probes = 0;
        ProbeTimes Probe() => new(new Dictionary<ComputePolicy, double>
        {
            [ComputePolicy.Fp32Nchw] = 1.0, [new(true, false)] = ++probes == 1 ? 0.5 : 2.0,
        });

        var first = new ProbeCache(dir.Path).TimesFor(cpu, 2, Probe);
        var again = new ProbeCache(dir.Path).TimesFor(cpu, 2, Probe);
        var otherThreads = new ProbeCache(dir.Path).TimesFor(cpu, 1, Probe);

        Assert.Equal(2, probes);   // the first lookup and the other thread count timed; the second lookup did not
        Assert.Equal(0.5, again.Seconds[new(true, false)]);
        Assert.Contains("remembered in", again.Origin);
        Assert.Equal(2.0, otherThreads.Seconds[new(true, false)]);
        Assert.Equal(first.Seconds, again.Seconds);
    }

    [Fact]
    public void An_unreadable_remembered_probe_is_measured_again_and_replaced()
    {
        using var dir = new TempDir();
        var cpu = new CpuFlags("Test CPU", new HashSet<string> { "avx2" });
        ProbeTimes Probe() => new(new Dictionary<ComputePolicy, double> { [ComputePolicy.Fp32Nchw] = 1.0, [new(true, false)] = 0.9 });
        new ProbeCache(dir.Path).TimesFor(cpu, 2, Probe);
        var file = Directory.GetFiles(dir.Path).Single();
        File.WriteAllText(file, "{ not json");

        var times = new ProbeCache(dir.Path).TimesFor(cpu, 2, Probe);

        Assert.Equal(0.9, times.Seconds[new(true, false)]);
        Assert.Contains("\"Key\"", File.ReadAllText(file));
    }
}
