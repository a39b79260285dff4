namespace SharpGan.Tests.Cli;

/// <summary><c>sharpgan info</c> on a checkpoint kept from the old code.</summary>
public class InfoCommandTests
{
    [Fact]
    public async Task The_state_table_starts_with_its_first_row_not_an_empty_header()
    {
        var (exit, text) = await CliOutput.Run("info", Repo.Fixture("checkpoints", "format1-dcgan-ema.ckpt"));
        Assert.Equal(0, exit);
        var rows = text.Split('\n').SkipWhile(l => !l.Contains("checkpoint")).ToList();
        var table = text.Split('\n').TakeWhile(l => !l.Contains("checkpoint")).ToList();
        Assert.Single(table);                                       // only the top border above the first row
        Assert.Contains("epochs done", rows[1]);
    }

    [Fact]
    public async Task Another_kind_of_file_is_called_that_not_a_damaged_checkpoint()
    {
        using var dir = new TempDir();
        var picture = Repo.Fixture("tiny", "google-rose.png");
        var (exit, text) = await CliOutput.Run("info", picture);
        Assert.Equal((2, $"error: '{picture}' is not a SharpGan checkpoint (a .ckpt file: a zip, which this is not)\n"), (exit, text));

        System.IO.Compression.ZipFile.CreateFromDirectory(Repo.Fixture("tiny"), dir["pictures.zip"]);
        (exit, text) = await CliOutput.Run("info", dir["pictures.zip"]);
        Assert.Equal(2, exit);
        Assert.Contains($"'{dir["pictures.zip"]}' is not a SharpGan checkpoint: a zip of google-hibiscus.png, google-rose.png, google-sunflower.png, …", text);
    }

    [Fact]
    public async Task A_fifo_given_as_a_checkpoint_is_named_not_read()
    {
        using var dir = new TempDir();
        Data.SpecialFiles.Fifo(dir["last.ckpt"]);
        var (exit, text) = await Data.SpecialFiles.Within(() => CliOutput.Run("info", dir["last.ckpt"]));
        Assert.Equal((2, $"error: '{dir["last.ckpt"]}' is not a SharpGan checkpoint: not a regular file (FIFO)\n"), (exit, text));
    }
}
