using SharpGan.Export;
using SharpGan.Tests.Cli;
using SharpGan.Tests.Onnx;
using SkiaSharp;

namespace SharpGan.Tests.Export;

/// <summary>
/// <c>sharpgan sample --onnx</c> on a real export against <c>sharpgan sample --checkpoint</c> on its run, same seed
/// and options: the same files with pixels within one level of 255, for every kind; and the exported DCGAN, ACGAN
/// and mask generators in onnxruntime-node.
/// </summary>
public class SampleParityTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        { "dcgan", ["--grid", "-n", "9", "--seed", "5"] },
        { "dcgan", ["-n", "3", "--seed", "-2"] },
        { "r3gan", ["--grid", "-n", "4", "--seed", "1"] },
        { "acgan-classes", ["--class-grid", "-n", "3", "--seed", "2"] },
        { "acgan-classes", ["--class", "google", "-n", "2", "--seed", "3"] },
        { "acgan-tags", ["--tags", "google,red|twitter,yellow", "--grid", "-n", "3", "--seed", "4"] },
        { "semi-supervised", ["--grid", "-n", "4", "--seed", "6"] },
        { "mask", ["--mask", Repo.Fixture("tiny"), "-n", "5", "--seed", "7"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_export_samples_the_pictures_its_checkpoint_samples(string run, string[] options)
    {
        using var dir = new TempDir();
        var checkpoint = GeneratorExportTests.Trained(run, dir);
        GeneratorExport.Write(checkpoint, dir["export"]);

        Assert.Equal(0, (await CliOutput.Run(["sample", "--checkpoint", dir["run"], "--out", dir["torch"], .. options])).Exit);
        Assert.Equal(0, (await CliOutput.Run(["sample", "--onnx", dir["export"], "--out", dir["onnx"], .. options])).Exit);
        AssertSamePictures(dir["torch"], dir["onnx"]);
    }

    [Fact]
    public async Task A_pix2pix_export_translates_as_its_checkpoint_with_dropout_at_its_mean()
    {
        using var dir = new TempDir();
        GeneratorExport.Write(GeneratorExportTests.Trained("pix2pix", dir), dir["export"]);
        var inputs = Path.Combine(dir["pairs"], "train", "A");
        if (!Directory.Exists(inputs)) inputs = Directory.GetDirectories(dir["pairs"], "A", SearchOption.AllDirectories).First();

        Assert.Equal(0, (await CliOutput.Run("translate", "run", "--checkpoint", dir["run"], "--in", inputs, "--out", dir["torch"], "--dropout", "mean")).Exit);
        Assert.Equal(0, (await CliOutput.Run("sample", "--onnx", dir["export"], "--in", inputs, "--out", dir["onnx"], "--dropout", "mean")).Exit);
        AssertSamePictures(dir["torch"], dir["onnx"]);
    }

    [Fact]
    public void The_dcgan_acgan_and_mask_exports_run_in_onnxruntime_node()
    {
        foreach (var run in new[] { "dcgan", "acgan-classes", "mask" })
        {
            using var dir = new TempDir();
            GeneratorExport.Write(GeneratorExportTests.Trained(run, dir), dir["export"]);
            double max = NodeCheckTests.MaxDifference(dir["export"], dir["cases.json"]);
            Assert.True(max <= 1e-4, $"{run}: max |Δ| {max} between onnxruntime-node and ONNX Runtime .NET");
        }
    }

    static void AssertSamePictures(string expectedFolder, string actualFolder)
    {
        var expected = Directory.GetFiles(expectedFolder, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expectedFolder, f)).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Directory.GetFiles(actualFolder, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actualFolder, f)).Order());
        foreach (var name in expected)
        {
            using var a = SKBitmap.Decode(Path.Combine(expectedFolder, name));
            using var b = SKBitmap.Decode(Path.Combine(actualFolder, name));
            Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
            int worst = 0;
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                {
                    SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                    worst = Math.Max(worst, Math.Max(Math.Abs(p.Red - q.Red), Math.Max(Math.Abs(p.Green - q.Green), Math.Abs(p.Blue - q.Blue))));
                }
            Assert.True(worst <= 1, $"{name}: pixels differ by {worst} levels");
        }
    }
}
