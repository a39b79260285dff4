using SharpGan.Cli;
using Xunit.Abstractions;

namespace SharpGan.Tests.Cli;

/// <summary>
/// The resident set of what <c>sharpgan train</c> runs — every sink (grids, CSV, loss plot, TensorBoard, GIF), the
/// console lines, checkpoints — as the OS sees it, with no forced collection or malloc_trim to hide what a user's
/// machine would carry. An earlier test of the bare trainer passed while the CLI grew ~5 MB an epoch.
/// </summary>
public class TrainMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_train_command_keeps_its_resident_set_flat_over_two_hundred_epochs()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        var samples = Path.Combine(run, "samples");
        var rssByEpoch = new SortedDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                int epochs = Directory.Exists(samples) ? Directory.GetFiles(samples, "epoch_*.png").Length : 0;
                long rss = ResidentSet.Bytes();
                rssByEpoch[epochs] = Math.Max(rssByEpoch.GetValueOrDefault(epochs), rss);
                await Task.Delay(25);
            }
        });
        int exit = await SharpGanCli.Build().Parse([
            "train", "--data", Repo.Path("data", "flowers"), "--out", run, "--epochs", "200", "--size", "32",
            "--set", "model.ngf=16", "--set", "model.ndf=16", "--set", "train.checkpoint_every=10",
        ]).InvokeAsync();
        stop.Cancel();
        await watcher;
        Assert.Equal(0, exit);

        // The peak of epochs 40–60 (warmed up) against the peak of the last twenty, before the GIF is encoded.
        long Peak(int from, int to) => rssByEpoch.Where(p => p.Key >= from && p.Key <= to).Select(p => p.Value).DefaultIfEmpty().Max();
        long early = Peak(40, 60), late = Peak(180, 199);
        Assert.True(early > 0 && late > 0, "the watcher saw no epochs");
        double growth = (double)(late - early) / early;
        output.WriteLine($"resident set: {early / 1e6:F0} MB around epoch 50, {late / 1e6:F0} MB at epochs 180–199 ({growth:P1})");
        Assert.True(growth < 0.05, $"resident set grew {growth:P1}: {early / 1e6:F0} MB → {late / 1e6:F0} MB");
    }
}
