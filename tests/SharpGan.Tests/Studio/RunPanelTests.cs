using SharpGan.Cli.Studio;
using SharpGan.Tests.Data;

namespace SharpGan.Tests.Studio;

/// <summary>The run panel serves the grids the run wrote, and nothing a link or a FIFO among them would open.</summary>
public class RunPanelTests
{
    [Fact]
    public void Only_regular_files_are_listed_as_samples()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["samples"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["samples/epoch_0001.png"]);
        File.CreateSymbolicLink(dir["samples/epoch_0002.png"], "/etc/hostname");
        SpecialFiles.Fifo(dir["samples/epoch_0003.png"]);

        Assert.Equal(["epoch_0001.png"], new RunPanel(dir.Path).SampleNames());
    }
}
