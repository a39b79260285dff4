using SharpGan.Onnx;
using SharpGan.Tests.Cli;
using SharpGan.Tests.Data;
using SkiaSharp;

namespace SharpGan.Tests.Onnx;

/// <summary><c>sharpgan sample --onnx DIR</c> on contract graphs: the checkpoint path's options and file names, one-line refusals.</summary>
public class SampleOnnxCommandTests : IDisposable
{
    readonly TempDir dir = new();

    string Export(ContractGraph graph) => graph.WriteTo(dir[$"export-{graph.Kind}{(graph.MultiLabel ? "-tags" : "")}"]);

    [Fact]
    public async Task A_grid_is_the_libraries_grid_written_as_SharpGan_writes_it()
    {
        var export = Export(ContractGraph.Dcgan);

        var (exit, text) = await CliOutput.Run("sample", "--onnx", export, "--grid", "-n", "10", "--seed", "2", "--out", dir["out"]);

        Assert.Equal(0, exit);
        Assert.Contains($"wrote {dir["out/grid.png"]}", text);
        using var generator = OnnxGenerator.Open(export);
        PngPicture.Write(dir["expected.png"], generator.Grid(10, 2));
        Assert.Equal(File.ReadAllBytes(dir["expected.png"]), File.ReadAllBytes(dir["out/grid.png"]));
    }

    [Theory]
    [InlineData("acgan")]
    [InlineData("mask")]
    [InlineData("pix2pix")]
    public void The_onnx_path_never_loads_libtorch(string kind)
    {
        TestMasks.Quarter(dir["masks/left.png"], 8, 8);
        Directory.CreateDirectory(dir["pictures"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["pictures/rose.png"]);
        File.Copy(Repo.Fixture("tiny", "google-tulip.png"), dir["pictures/tulip.png"]);
        string[] args = kind switch
        {
            "acgan" => ["--onnx", Export(ContractGraph.Acgan), "--class-grid", "-n", "2"],
            "mask" => ["--onnx", Export(ContractGraph.MaskConditioned), "--mask", dir["masks"], "--figure"],
            _ => ["--onnx", Export(ContractGraph.Pix2Pix), "--in", dir["pictures"]],
        };

        // The dynamic loader names every library it maps (dlopen included) when LD_DEBUG=files.
        var (exit, output) = CliProcess.Run(["sample", .. args, "--out", dir["out"]], new Dictionary<string, string> { ["LD_DEBUG"] = "files" });

        Assert.True(exit == 0, output);
        Assert.Contains("libonnxruntime.so", output);
        Assert.Contains("libSkiaSharp.so", output);
        Assert.DoesNotContain("libtorch", output);
        Assert.DoesNotContain("LibTorchSharp", output);
    }

    [Fact]
    public async Task Samples_classes_and_tags_get_the_checkpoint_paths_names()
    {
        var dcgan = Export(ContractGraph.Dcgan);
        var acgan = Export(ContractGraph.Acgan);
        var tags = Export(ContractGraph.Tags);

        Assert.Equal(0, (await CliOutput.Run("sample", "--onnx", dcgan, "-n", "3", "--out", dir["plain"])).Exit);
        Assert.Equal(0, (await CliOutput.Run("sample", "--onnx", acgan, "--class", "star", "-n", "2", "--out", dir["star"])).Exit);
        Assert.Equal(0, (await CliOutput.Run("sample", "--onnx", acgan, "--class-grid", "-n", "4", "--out", dir["classes"])).Exit);
        var (exit, text) = await CliOutput.Run("sample", "--onnx", tags, "--tags", "red hair | smile, blue eyes", "--grid", "-n", "3", "--out", dir["tags"]);

        Assert.Equal(["sample_00000.png", "sample_00001.png", "sample_00002.png"], Names(dir["plain"]));
        Assert.Equal(["star_00000.png", "star_00001.png"], Names(dir["star"]));
        Assert.Equal((4 * 8 + 5 * 2, 3 * 8 + 4 * 2), Size(dir["classes/classes.png"]));
        Assert.Equal(0, exit);
        Assert.Contains("rows red hair | smile + blue eyes", text);
        Assert.Equal((3 * 8 + 4 * 2, 2 * 8 + 3 * 2), Size(dir["tags/tags.png"]));
    }

    [Fact]
    public async Task Masks_give_a_picture_each_named_after_them_or_the_figure()
    {
        var export = Export(ContractGraph.MaskConditioned);
        TestMasks.Quarter(dir["masks/left.png"], 8, 8);
        TestMasks.Full(dir["masks/full.png"], 8);

        var refused = await CliOutput.Run("sample", "--onnx", export, "--out", dir["none"]);
        var (exit, _) = await CliOutput.Run("sample", "--onnx", export, "--mask", dir["masks"], "--out", dir["out"]);
        var figure = await CliOutput.Run("sample", "--onnx", export, "--mask", dir["masks"], "--figure", "--out", dir["fig"]);

        Assert.Equal(2, refused.Exit);
        Assert.Contains($"error: '{export}' is a mask-conditioned export: its generator draws where a mask says; pass --mask FILE|FOLDER", refused.Text);
        Assert.Equal(0, exit);
        Assert.Equal(["full.png", "left.png"], Names(dir["out"]));
        Assert.Equal(0, figure.Exit);
        // Two columns (generated | mask) of 8 px tiles enlarged 12× to 96 px, two rows, 2 px gaps.
        Assert.Equal((2 * 96 + 3 * 2, 2 * 96 + 3 * 2), Size(dir["fig/mask-figure.png"]));
    }

    [Fact]
    public async Task Pix2pix_translates_the_pictures_given_with_in()
    {
        var export = Export(ContractGraph.Pix2Pix);
        Directory.CreateDirectory(dir["pictures"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["pictures/rose.png"]);
        File.Copy(Repo.Fixture("tiny", "google-tulip.png"), dir["pictures/tulip.png"]);

        var refused = await CliOutput.Run("sample", "--onnx", export, "--grid", "--out", dir["grid.png"]);
        var (exit, text) = await CliOutput.Run("sample", "--onnx", export, "--in", dir["pictures"], "--dropout", "mean", "--out", dir["out"]);

        Assert.Equal(2, refused.Exit);
        Assert.Contains($"error: '{export}' is a pix2pix export: its generator translates pictures; pass --in IMAGE|FOLDER\n", refused.Text);
        Assert.Equal(0, exit);
        Assert.Contains("2 pictures", text);
        Assert.Equal(["rose.png", "tulip.png"], Names(dir["out"]));
        Assert.Equal((8, 8), Size(dir["out/rose.png"]));
    }

    [Theory]
    [InlineData("--checkpoint", "run", "error: --checkpoint and --onnx: give one (a run to sample with torch, or an export folder to sample with ONNX Runtime)")]
    [InlineData("--precision", "bf16", "error: --precision: applies to --checkpoint; an export is sampled as it was exported")]
    [InlineData("--dropout", "sometimes", "error: --dropout sometimes: allowed seeded, mean")]
    [InlineData("--class", "moon", "error: this export's generator has no classes (model.conditioning none)")]
    public async Task Wrong_combinations_are_one_line_and_exit_2(string option, string value, string message)
    {
        var export = Export(ContractGraph.Dcgan);
        var (exit, text) = await CliOutput.Run("sample", "--onnx", export, option, value, "--out", dir["out"]);
        Assert.Equal(2, exit);
        Assert.Equal(message + "\n", text);
    }

    [Fact]
    public async Task Neither_a_checkpoint_nor_an_export_is_refused()
    {
        var (exit, text) = await CliOutput.Run("sample", "--out", dir["out"]);
        Assert.Equal(2, exit);
        Assert.Equal("error: give --checkpoint RUN (a checkpoint file or run folder) or --onnx DIR (an export folder)\n", text);
    }

    static string[] Names(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray()!;

    static (int, int) Size(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return (bitmap.Width, bitmap.Height);
    }

    public void Dispose() => dir.Dispose();
}
