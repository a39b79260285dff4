using System.Diagnostics;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

public class MemoryTests
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
            trainer.Run(new OnStep(p =>
            {
                if (p.Step == 200) afterWarmup = ResidentBytes();
                if (p.Step == 2000) atEnd = ResidentBytes();
            }));
        Assert.True(afterWarmup > 0 && atEnd > 0);
        double growth = (double)(atEnd - afterWarmup) / afterWarmup;
        Assert.True(growth < 0.05, $"resident set grew {growth:P1}: {afterWarmup / 1e6:F0} MB → {atEnd / 1e6:F0} MB");
    }

    static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    sealed class OnStep(Action<TrainProgress> action) : IProgress<TrainProgress>
    {
        public void Report(TrainProgress value) => action(value);
    }
}
