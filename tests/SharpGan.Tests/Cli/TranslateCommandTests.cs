using System.Text.Json.Nodes;
using SharpGan.Cli;
using SkiaSharp;

namespace SharpGan.Tests.Cli;

public class TranslateCommandTests
{
    [Fact]
    public async Task Pairs_then_train_run_and_eval_on_held_out_pairs()
    {
        using var dir = new TempDir();
        Assert.Equal(0, await SharpGanCli.Build().Parse(["data", "pairs", Repo.Fixture("tiny"), dir["pairs"], "--kind", "edges", "--size", "32", "--test", "0.25"]).InvokeAsync());
        Assert.Equal(6, Directory.GetFiles(dir["pairs/train/A"]).Length);
        Assert.Equal(2, Directory.GetFiles(dir["pairs/test/B"]).Length);

        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "translate", "train", "--data", dir["pairs/train"], "--val", dir["pairs/test"], "--out", dir["run"], "--size", "32", "--epochs", "1",
            "--d-layers", "2", "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false",
        ]).InvokeAsync());
        Assert.True(File.Exists(dir["run/samples/epoch_0001.png"]));

        Assert.Equal(0, await SharpGanCli.Build().Parse(["translate", "run", "--checkpoint", dir["run"], "--in", dir["pairs/test"], "--out", dir["out"], "--figure"]).InvokeAsync());
        var outputs = Directory.GetFiles(dir["out"], "*.png").Select(Path.GetFileName).Where(n => n != "figure.png").Order();
        Assert.Equal(Directory.GetFiles(dir["pairs/test/B"]).Select(Path.GetFileName).Order(), outputs);
        using (var figure = SKBitmap.Decode(dir["out/figure.png"]))
            Assert.Equal((3 * 32 + 4 * 2, 2 * 32 + 3 * 2), (figure.Width, figure.Height));   // input | output | target, a row per pair

        Assert.Equal(0, await SharpGanCli.Build().Parse(["translate", "eval", "--checkpoint", dir["run"], "--data", dir["pairs/test"],
            "--mean-of", dir["pairs/train"], "--out", dir["eval.json"]]).InvokeAsync());
        var report = JsonNode.Parse(File.ReadAllText(dir["eval.json"]))!;
        Assert.InRange((double)report["report"]!["l1"]!, 0.01, 2);
        Assert.InRange((double)report["report"]!["mean_target_l1"]!, 0.01, 2);
        Assert.Equal(2, report["report"]!["per_pair"]!.AsArray().Count);
        Assert.Equal(2, report["ink_bands"]!.AsArray().Count);   // two pairs: sparse and medium

        var notes = Repo.Fixture("formats", "notes.txt");
        var (exit, text) = await CliOutput.Run("translate", "run", "--checkpoint", dir["run"], "--in", notes, "--out", dir["notes"]);
        Assert.Equal((2, $"error: --in {notes}: not a decodable image\n"), (exit, text));
        Assert.False(Directory.Exists(dir["notes"]));
    }

    [Fact]
    public async Task A_config_file_keeps_its_own_values_over_the_pix2pix_defaults()
    {
        using var dir = new TempDir();
        Assert.Equal(0, await SharpGanCli.Build().Parse(["data", "pairs", Repo.Fixture("tiny"), dir["pairs"], "--kind", "gray", "--size", "32"]).InvokeAsync());
        File.WriteAllText(dir["p.yaml"], "train:\n  batch_size: 2\n  epochs: 1\nmodel:\n  image_size: 32\n  ngf: 8\n  ndf: 8\n  d_layers: 1\noutput:\n  tensor_board: false\n  gif: false\n");
        Assert.Equal(0, await SharpGanCli.Build().Parse(["translate", "train", "--config", dir["p.yaml"], "--data", dir["pairs"], "--out", dir["run"], "--holdout", "2"]).InvokeAsync());
        var config = JsonNode.Parse(File.ReadAllText(dir["run/config.json"]))!;
        Assert.Equal(("pix2pix", 2, 8), ((string)config["model"]!["conditioning"]!, (int)config["train"]!["batch_size"]!, (int)config["model"]!["ndf"]!));
    }

    [Fact]
    public async Task A_checkpoint_that_is_not_pix2pix_is_refused_by_name()
    {
        using var dir = new TempDir();
        Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--size", "32", "--epochs", "1",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false", "--set", "output.gif=false"]).InvokeAsync());
        Assert.Equal(2, await SharpGanCli.Build().Parse(["translate", "run", "--checkpoint", dir["run"], "--in", Repo.Fixture("tiny"), "--out", dir["out"]]).InvokeAsync());
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public async Task A_bad_value_for_a_translate_flag_names_the_flag_typed_and_the_kind_stays_pix2pix()
    {
        using var dir = new TempDir();

        var (exit, text) = await CliOutput.Run("translate", "train", "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--l1", "abc");

        Assert.Equal((2, "error: --l1 abc: 'abc' is not a number\n"), (exit, text));
        (exit, text) = await CliOutput.Run("translate", "train", "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--set", "model.conditioning=none");
        Assert.Equal((2, "error: --set model.conditioning=none: this command trains model.conditioning=pix2pix; other kinds of run train with sharpgan train\n"), (exit, text));
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public async Task A_folder_of_one_picture_is_translated()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.Copy(Repo.Fixture("checkpoints", "format1-pix2pix-input.png"), dir["in/edges.png"]);

        var (exit, text) = await CliOutput.Run("translate", "run", "--checkpoint", Repo.Fixture("checkpoints", "format1-pix2pix.ckpt"), "--in", dir["in"], "--out", dir["out"]);

        Assert.Equal(0, exit);
        Assert.Contains($"1 pictures → {dir["out"]}", text);
        Assert.True(File.Exists(dir["out/edges.png"]));
    }
}
