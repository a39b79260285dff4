using System.Diagnostics;
using SharpGan.Training;
using Xunit.Abstractions;

namespace SharpGan.Tests.Training;

public class MemoryTests(ITestOutputHelper output)
{
    /// <summary>Native tensors that escape their dispose scope show up as resident-set growth long before the GC notices.</summary>
    [Fact]
    public void Resident_memory_stays_flat_over_two_thousand_steps()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 500, deterministic: false);
        config = config with { Train = config.Train with { BatchSize = 2, CheckpointEvery = 1000 } };   // 4 steps per epoch
        var (trainer, _) = TrainingSession.Open(config, []);
        long afterWarmup = 0, atEnd = 0;
        using (trainer)
            trainer.Run(new ProgressCallback(p =>
            {
                if (p.Step == 500) afterWarmup = ResidentBytes();
                if (p.Step == 2000) atEnd = ResidentBytes();
            }));
        Assert.True(afterWarmup > 0 && atEnd > 0);
        double growth = (double)(atEnd - afterWarmup) / afterWarmup;
        output.WriteLine($"resident set at step 500: {afterWarmup / 1e6:F1} MB, at step 2000: {atEnd / 1e6:F1} MB ({growth:P2})");
        Assert.True(growth < 0.05, $"resident set grew {growth:P1}: {afterWarmup / 1e6:F0} MB → {atEnd / 1e6:F0} MB");
    }

    /// <summary>Live memory as the OS sees it: after a full GC, with glibc's free lists handed back (malloc_trim), so
    /// the allocator's arena growth is not mistaken for a leak.</summary>
    static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        MallocTrim(0);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
