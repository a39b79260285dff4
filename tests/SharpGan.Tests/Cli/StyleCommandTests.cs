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
}
