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
