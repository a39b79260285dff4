using SharpGan.Data;

namespace SharpGan.Tests.Data;

public class InputFileTests
{
    [Fact]
    public void Regular_files_and_links_to_them_pass_other_entries_are_named_for_what_they_are()
    {
        using var dir = new TempDir();
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["rose.png"]);
        File.CreateSymbolicLink(dir["link.png"], dir["rose.png"]);
        Directory.CreateDirectory(dir["folder.png"]);

        Assert.Null(InputFile.Problem(dir["rose.png"]));
        Assert.Null(InputFile.Problem(dir["link.png"]));
        Assert.Equal("not a regular file (FIFO)", InputFile.Problem(SpecialFiles.Fifo(dir["x.png"])));
        Assert.Equal("dangling symbolic link", InputFile.Problem(SpecialFiles.DanglingLink(dir["gone.png"])));
        Assert.Equal("not a regular file (character device)", InputFile.Problem("/dev/null"));
        Assert.Equal("a folder, not a file", InputFile.Problem(dir["folder.png"]));
        Assert.Equal("no such file", InputFile.Problem(dir["never.png"]));
    }

    [Fact]
    public void A_fifo_is_refused_without_being_opened()
    {
        using var dir = new TempDir();
        var fifo = SpecialFiles.Fifo(dir["x.png"]);
        var e = SpecialFiles.Within(() => Record.Exception(() => InputFile.ReadAllBytes(fifo)));
        Assert.Equal("not a regular file (FIFO)", Assert.IsType<IOException>(e).Message);
    }

    [Fact]
    public void Read_failures_become_short_reasons()
    {
        Assert.Equal("permission denied", InputFile.Reason(new UnauthorizedAccessException("Access to the path '/data/a.png' is denied.")));
        Assert.Equal("no such file (removed while reading?)", InputFile.Reason(new FileNotFoundException("Could not find file '/data/a.png'.")));
        Assert.Equal("not a regular file (FIFO)", InputFile.Reason(new IOException("not a regular file (FIFO)")));
        Assert.True(InputFile.IsReadFailure(new UnauthorizedAccessException()));
        Assert.False(InputFile.IsReadFailure(new InvalidOperationException()));
    }
}
