using SharpGan.Tests.Data;

namespace SharpGan.Tests.Cli;

/// <summary><c>sharpgan sample</c> given what a run's generator cannot use: one line that says what to give it.</summary>
public class SampleCommandTests(SampleCommandTests.Runs runs) : IClassFixture<SampleCommandTests.Runs>
{
    /// <summary>A one-epoch mask-conditioned run (the tiny flowers' alpha) and a one-epoch pix2pix run, shared by the class.</summary>
    public sealed class Runs : IDisposable
    {
        readonly TempDir dir = new();
        public string Mask => dir["mask-run"];
        public string Pix2Pix => dir["pix2pix-run"];

        public Runs()
        {
            string[] small = ["--size", "32", "--epochs", "1", "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false", "--set", "output.gif=false"];
            Assert.Equal(0, CliOutput.Run(["train", "--data", Repo.Fixture("tiny"), "--out", Mask, .. small, "--set", "model.conditioning=mask",
                "--set", "data.masks=alpha", "--set", "model.latent=32x2x2"]).Result.Exit);
            Assert.Equal(0, CliOutput.Run(["data", "pairs", Repo.Fixture("tiny"), dir["pairs"], "--kind", "gray", "--size", "32"]).Result.Exit);
            Assert.Equal(0, CliOutput.Run(["translate", "train", "--data", dir["pairs"], "--out", Pix2Pix, .. small, "--d-layers", "1", "--holdout", "2"]).Result.Exit);
        }

        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public async Task A_mask_run_sampled_without_masks_says_to_pass_them()
    {
        using var dir = new TempDir();
        var earlier = TestMasks.Quarter(dir["out/earlier.png"], 32, 32);
        var bytes = File.ReadAllBytes(earlier);

        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", runs.Mask, "--out", dir["out"]);

        Assert.Equal(2, exit);
        Assert.Contains($"error: '{runs.Mask}' is a mask-conditioned run: its generator draws where a mask says; pass --mask FILE|FOLDER (a mask, a folder of masks, or a paired data folder)\n", text);
        Assert.DoesNotContain("   at ", text);
        Assert.Equal([earlier], Directory.GetFiles(dir["out"]));   // what an earlier sample wrote is left as it was
        Assert.Equal(bytes, File.ReadAllBytes(earlier));
    }

    [Fact]
    public async Task A_pix2pix_run_given_to_sample_points_at_translate_run()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", runs.Pix2Pix, "--grid", "--out", dir["grid.png"]);
        Assert.Equal(2, exit);
        Assert.Contains($"error: '{runs.Pix2Pix}' is a pix2pix run: its generator translates pictures; use sharpgan translate run --checkpoint {runs.Pix2Pix} --in IMAGE|FOLDER\n", text);
        Assert.False(File.Exists(dir["grid.png"]));
    }

    [Fact]
    public async Task Flawed_or_resized_masks_are_warned_about_and_every_picture_is_written()
    {
        using var dir = new TempDir();
        TestMasks.Quarter(dir["masks/a.png"], 32, 32);
        TestMasks.Empty(dir["masks/b.png"], 32);
        TestMasks.Ramp(dir["masks/c.png"], 64);

        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", runs.Mask, "--mask", dir["masks"], "--out", dir["out"]);

        Assert.Equal(0, exit);
        Assert.Contains("1 of 3 mask(s) empty (no object pixel): b.png\n", text);
        Assert.Contains("1 of 3 mask(s) not binary (gray beyond the edges; binarised at 0.5): c.png\n", text);
        Assert.Contains("1 of 3 mask(s) resized to 32×32: c.png (64×64)\n", text);
        Assert.Equal(["a.png", "b.png", "c.png"], Directory.GetFiles(dir["out"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_class_given_to_a_mask_run_is_refused_not_ignored()
    {
        using var dir = new TempDir();
        var mask = TestMasks.Quarter(dir["a.png"], 32, 32);

        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", runs.Mask, "--mask", mask, "--class", "rose", "--out", dir["out"]);

        Assert.Equal(2, exit);
        Assert.EndsWith("error: --class: a mask-conditioned run draws where --mask says, not a class or tags\n", text);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public async Task A_mask_that_is_not_square_is_refused_by_name_and_size()
    {
        using var dir = new TempDir();
        var mask = TestMasks.Quarter(dir["tall.png"], 32, 48);
        var (exit, text) = await CliOutput.Run("sample", "--checkpoint", runs.Mask, "--mask", mask, "--out", dir["out"]);
        Assert.Equal(2, exit);
        Assert.Contains($"error: mask '{mask}' is 32×48; this generator takes 32×32 masks (a square mask of another size is resized; crop or pad this one to a square first)\n", text);
        Assert.False(Directory.Exists(dir["out"]));
    }
}
