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
}
