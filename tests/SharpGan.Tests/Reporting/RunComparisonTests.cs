using SharpGan.Cli;
using SharpGan.Reporting;
using SharpGan.Tests.Training;
using SharpGan.Training;
using SkiaSharp;

namespace SharpGan.Tests.Reporting;

public class RunComparisonTests
{
    [Fact]
    public async Task Compare_overlays_two_runs_and_puts_their_last_grids_side_by_side()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "a", "b" })
        {
            var (trainer, _) = TrainingSession.Open(TinyRun.Config(dir[name], epochs: 2), [new SampleGridSink()]);
            using (trainer) trainer.Run();
        }

        Assert.Equal(0, await SharpGanCli.Build().Parse(["compare", dir["a"], dir["b"], "--out", dir["cmp"]]).InvokeAsync());
        using (var grids = SKBitmap.Decode(Path.Combine(dir["cmp"], "grids.png")))
            Assert.Equal((2 * 70 + 3 * 8, 70 + 2 * 8), (grids.Width, grids.Height));   // two 2×2 grids of 32 px samples
        using (var losses = SKBitmap.Decode(Path.Combine(dir["cmp"], "losses.png")))
            Assert.Equal(900, losses.Width);
        var table = File.ReadAllLines(Path.Combine(dir["cmp"], "table.md"));
        Assert.Equal(4, table.Length);
        Assert.True(table[2].StartsWith("| a | 3 | 100x1x1 | 32×4×4 | 4 / 4 | 8 / 8 | 0.0002 / 0.0002 | bce | none | fp32 nchw | 2 |", StringComparison.Ordinal), table[2]);
        Assert.EndsWith("| not evaluated |", table[2]);
        var html = File.ReadAllText(Path.Combine(dir["cmp"], "table.html"));
        Assert.Contains("<img src=\"../a/samples/epoch_0002.png\"", html);
    }

    [Fact]
    public async Task A_folder_without_a_checkpoint_is_a_clear_error()
    {
        using var dir = new TempDir();
        Assert.Equal(2, await SharpGanCli.Build().Parse(["compare", dir.Path, "--out", dir["cmp"]]).InvokeAsync());
        Assert.False(Directory.Exists(dir["cmp"]));
    }

    [Fact]
    public async Task A_run_without_its_last_grid_is_named_before_anything_is_written()
    {
        using var dir = new TempDir();
        var (trainer, _) = TrainingSession.Open(TinyRun.Config(dir["a"], epochs: 1), []);   // no grid sink: no samples/
        using (trainer) trainer.Run();

        var (exit, text) = await Tests.Cli.CliOutput.Run("compare", dir["a"], "--out", dir["cmp"]);

        Assert.Equal(2, exit);
        Assert.Contains($"error: run '{dir["a"]}' has no grid of its last epoch ({Path.Combine(dir["a"], "samples", SampleGridSink.FileName(1))})", text);
        Assert.False(Directory.Exists(dir["cmp"]));
    }

    [Fact]
    public async Task One_run_given_twice_is_refused_and_two_of_one_name_are_told_apart()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "x/a", "y/a" })
        {
            var (trainer, _) = TrainingSession.Open(TinyRun.Config(dir[name], epochs: 1), [new SampleGridSink()]);
            using (trainer) trainer.Run();
        }

        var (exit, text) = await Tests.Cli.CliOutput.Run("compare", dir["x/a"], dir["x/../x/a"], "--out", dir["cmp"]);
        Assert.Equal((2, $"error: runs: {dir["x/a"]} and {dir["x/../x/a"]} are one run, given twice\n"), (exit, text));

        Assert.Equal(0, (await Tests.Cli.CliOutput.Run("compare", dir["x/a"], dir["y/a"], "--out", dir["cmp"])).Exit);
        var table = File.ReadAllText(Path.Combine(dir["cmp"], "table.md"));
        Assert.Contains($"| {dir["x/a"]} |", table);
        Assert.Contains($"| {dir["y/a"]} |", table);
    }
}
