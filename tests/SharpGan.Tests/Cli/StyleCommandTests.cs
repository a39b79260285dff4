namespace SharpGan.Tests.Cli;

public class StyleCommandTests
{
    [Fact]
    public async Task A_picture_that_is_not_an_image_is_named_with_its_option()
    {
        using var dir = new TempDir();
        var notes = Repo.Fixture("formats", "notes.txt");
        var rose = Repo.Fixture("tiny", "google-rose.png");

        var (exit, text) = await CliOutput.Run("style", "--content", notes, "--style", rose, "--out", dir["out"]);
        Assert.Equal(2, exit);
        Assert.Contains($"error: --content {notes}: not a decodable image\n", text);

        (exit, text) = await CliOutput.Run("style", "--content", rose, "--style", dir["missing.png"], "--out", dir["out"]);
        Assert.Equal(2, exit);
        Assert.Contains($"error: --style {dir["missing.png"]}: no such file\n", text);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void A_transfer_prints_no_libtorch_warning()
    {
        using var dir = new TempDir();
        var (exit, output) = CliProcess.Run(["style", "--content", Repo.Fixture("tiny", "google-rose.png"), "--style", Repo.Fixture("tiny", "twitter-tulip.png"),
            "--out", dir["out"], "--size", "32", "--steps", "2", "--optimizer", "lbfgs"]);

        Assert.Equal(0, exit);
        Assert.Contains("done in ", output);
        // TorchSharp's L-BFGS asks libtorch for Optimizer::parameters(), which warns "will be removed in PyTorch 1.6".
        Assert.DoesNotContain("Warning:", output);
        Assert.True(File.Exists(dir["out/result.png"]));
    }
}
