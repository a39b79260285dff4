using SharpGan.Cli;
using SharpGan.Segmentation;
using SkiaSharp;

namespace SharpGan.Tests.Cli;

public class SegmentCommandTests
{
    [Fact]
    public async Task Train_then_predict_and_select_make_a_model_masks_and_a_paired_set()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "segment", "train", "--data", Repo.Fixture("tiny"), "--out", run, "--size", "32", "--epochs", "2", "--depth", "2", "--filters", "4", "--batch", "4",
        ]).InvokeAsync());
        var log = File.ReadAllLines(Path.Combine(run, "segment-log.csv"));
        Assert.Equal(["epoch,loss,held_out_iou,held_out_dice,seconds", "1", "2"], log.Select((l, i) => i == 0 ? l : l.Split(',')[0]));
        using (var preview = SKBitmap.Decode(Path.Combine(run, "held-out.png")))
            Assert.Equal((3 * 32 + 4 * 2, 32 + 2 * 2), (preview.Width, preview.Height));   // 8 pairs × 0.1 → 1 held out: one row of 3
        var model = Path.Combine(run, "segmenter.safetensors");

        Assert.Equal(0, await SharpGanCli.Build().Parse(["segment", "predict", "--model", model, "--in", Repo.Fixture("tiny"), "--out", dir["predicted"]]).InvokeAsync());
        Assert.Equal(8, Directory.GetFiles(dir["predicted/masks"], "*.png").Length);
        Assert.Equal(9, File.ReadAllLines(dir["predicted/predictions.csv"]).Length);

        // Rules that pass everything but the smallest objects: the kept images and their masks form a paired set.
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "segment", "select", "--model", model, "--in", Repo.Fixture("tiny"), "--out", dir["kept"],
            "--min-confidence", "0", "--min-component", "0", "--max-area", "1", "--min-area", "0",
        ]).InvokeAsync());
        var selection = File.ReadAllLines(dir["kept/selection.csv"]);
        Assert.Equal("file,area,largest_component,confidence,kept,reason", selection[0]);
        Assert.All(selection.Skip(1), row => Assert.EndsWith(",yes,", row));
        var (pairs, _) = SegmentationData.Load(dir["kept"], 32);
        Assert.Equal(8, pairs.Count);
        Assert.Equal(8, Directory.GetFiles(dir["kept/masks"]).Length);

        // Again with rules nothing passes: the earlier selection's pairs do not stay in the set.
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "segment", "select", "--model", model, "--in", Repo.Fixture("tiny"), "--out", dir["kept"], "--min-area", "0.99", "--max-area", "1", "--overwrite",
        ]).InvokeAsync());
        Assert.Equal(["selection.csv"], Directory.GetFiles(dir["kept"]).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(dir["kept/masks"]));
    }

    [Fact]
    public async Task Bad_input_is_one_error_line_naming_it()
    {
        using var dir = new TempDir();
        Assert.Equal(2, await SharpGanCli.Build().Parse(["segment", "predict", "--model", dir["none.safetensors"], "--in", Repo.Fixture("tiny"), "--out", dir["o"]]).InvokeAsync());
        Assert.Equal(2, await SharpGanCli.Build().Parse(["segment", "train", "--data", Repo.Fixture("tiny"), "--out", dir["o"], "--size", "30"]).InvokeAsync());
        Assert.Equal(2, await SharpGanCli.Build().Parse(["segment", "select", "--model", dir["m"], "--in", Repo.Fixture("tiny"), "--out", dir["o"], "--min-area", "0.9"]).InvokeAsync());
        Assert.False(Directory.Exists(dir["o"]));
    }

    [Fact]
    public async Task A_segmenter_is_not_written_inside_its_data()
    {
        using var dir = new TempDir();
        var data = TinyCopy.In(dir);
        var (exit, text) = await CliOutput.Run("segment", "train", "--data", data, "--out", data, "--size", "32", "--epochs", "1");
        Assert.Equal(2, exit);
        Assert.Contains($"error: --out {data}: lies inside --data {data}", text);
        Assert.Equal(8, Directory.GetFiles(data).Length);
    }
}
