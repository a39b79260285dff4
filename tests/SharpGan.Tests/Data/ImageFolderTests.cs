using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Data;

public class ImageFolderTests
{
    [Fact]
    public void Folder_is_read_recursively_and_bad_files_are_reported_not_fatal()
    {
        var (images, report) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("formats") }, 32);

        Assert.Contains(images.Paths, p => p.EndsWith("deep.png"));
        Assert.DoesNotContain(images.Paths, p => p.EndsWith("notes.txt"));
        var skipped = report.Skipped.Select(s => Path.GetFileName(s.Path)).Order().ToArray();
        Assert.Equal(["empty.png", "not-an-image.png", "truncated.png"], skipped);
        Assert.Equal(report.Found - 3, images.Count);
        Assert.All(report.Lines(), line => Assert.StartsWith("skipped ", line));
    }

    [Fact]
    public void Strict_mode_fails_on_the_first_bad_file_and_names_it()
    {
        var e = Assert.Throws<DataException>(() => ImageFolder.Load(new DataConfig { Path = Repo.Fixture("formats"), Strict = true }, 32));
        Assert.Contains("empty.png", e.Message);
        Assert.Contains("strict", e.Message);
    }

    [Fact]
    public void Fifos_and_dangling_links_are_skipped_with_the_reason_or_stop_a_strict_run_by_name()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "google-rose.png", "google-tulip.png" })
            File.Copy(Repo.Fixture("tiny", name), dir[name]);
        SpecialFiles.Fifo(dir["x.png"]);
        SpecialFiles.DanglingLink(dir["gone.png"]);

        var (images, report) = SpecialFiles.Within(() => ImageFolder.Load(new DataConfig { Path = dir.Path }, 32));

        Assert.Equal(2, images.Count);
        Assert.Equal([$"skipped {dir["gone.png"]}: dangling symbolic link", $"skipped {dir["x.png"]}: not a regular file (FIFO)"], report.Lines());
        var e = SpecialFiles.Within(() => Record.Exception(() => ImageFolder.Load(new DataConfig { Path = dir.Path, Strict = true }, 32)));
        Assert.Equal($"cannot use '{dir["gone.png"]}': dangling symbolic link (strict mode; 2 bad file(s) in all)", Assert.IsType<DataException>(e).Message);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        var e = Assert.Throws<DataException>(() => ImageFolder.Load(new DataConfig { Path = "/no/such/folder" }, 32));
        Assert.Contains("/no/such/folder", e.Message);
    }

    [Fact]
    public void Built_in_flowers_load()
    {
        var (images, report) = ImageFolder.Load(new DataConfig { Path = Repo.Path("data", "flowers") }, 32);
        Assert.Equal(58, images.Count);
        Assert.Empty(report.Skipped);
    }
}
