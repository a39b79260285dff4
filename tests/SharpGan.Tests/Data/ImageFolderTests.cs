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
    public void Flawed_masks_are_counted_in_the_report_with_example_files()
    {
        using var dir = new TempDir();
        var names = new[] { "google-rose", "google-tulip", "google-hibiscus", "google-sunflower", "twitter-rose" };
        foreach (var name in names)
            File.Copy(Repo.Fixture("tiny", name + ".png"), dir[name + ".png"]);
        TestMasks.Quarter(dir["masks/google-rose.png"], 64, 64);
        TestMasks.Empty(dir["masks/google-tulip.png"], 64);
        TestMasks.Full(dir["masks/google-hibiscus.png"], 64);
        TestMasks.Ramp(dir["masks/google-sunflower.png"], 64);
        TestMasks.Yellow(dir["masks/twitter-rose.png"], 64);

        var (images, report) = ImageFolder.Load(new DataConfig { Path = dir.Path, Masks = "auto" }, 32);

        Assert.Equal(5, images.Count);   // flawed masks are warned about, not dropped
        Assert.Equal(
        [
            "1 of 5 mask(s) empty (no object pixel): masks/google-tulip.png",
            "1 of 5 mask(s) full (every pixel object): masks/google-hibiscus.png",
            "1 of 5 mask(s) not binary (gray beyond the edges; binarised at 0.5): masks/google-sunflower.png",
            "1 of 5 mask(s) in colour, not gray (read as luminance): masks/twitter-rose.png",
        ], report.Lines());
    }

    [Fact]
    public void Alpha_masks_of_pictures_without_transparency_are_reported_full()
    {
        using var dir = new TempDir();
        foreach (var name in new[] { "photo.jpg", "cmyk.jpg", "image.bmp", "gray.png" })
            File.Copy(Repo.Fixture("formats", name), dir[name]);
        var (_, report) = ImageFolder.Load(new DataConfig { Path = dir.Path, Masks = "alpha" }, 32);
        Assert.Equal(["4 of 4 mask(s) full (every pixel object): cmyk.jpg, gray.png, image.bmp, …"], report.Lines());
    }

    [Theory]
    [InlineData(32, "1 image(s) smaller than 32 px upscaled (smallest: one-pixel.png, 1×1)")]
    [InlineData(128, "9 image(s) smaller than 128 px upscaled (smallest: one-pixel.png, 1×1)")]
    public void Images_smaller_than_the_training_size_are_counted(int size, string line)
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Repo.Fixture("tiny")))
            File.Copy(file, dir[Path.GetFileName(file)]);
        File.Copy(Repo.Fixture("messy", "one-pixel.png"), dir["one-pixel.png"]);

        var (images, report) = ImageFolder.Load(new DataConfig { Path = dir.Path }, size);

        Assert.Equal(9, images.Count);
        Assert.Equal([line], report.Lines());
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
