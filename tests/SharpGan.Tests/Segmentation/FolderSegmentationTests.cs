using SharpGan.Models;
using SharpGan.Reporting;
using SharpGan.Segmentation;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.Tests.Segmentation;

public class FolderSegmentationTests
{
    [Fact]
    public void Every_readable_image_gets_a_mask_at_its_own_size_and_the_rest_are_reported()
    {
        using var dir = new TempDir();
        var folder = dir["in"];
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        Directory.CreateDirectory(Path.Combine(folder, "masks"));
        File.Copy(Repo.Path("data", "flowers", "google-rose.png"), Path.Combine(folder, "rose.png"));
        File.Copy(Repo.Path("data", "flowers", "google-tulip.png"), Path.Combine(folder, "sub", "tulip.png"));
        File.Copy(Repo.Path("data", "flowers", "google-tulip.png"), Path.Combine(folder, "masks", "rose.png"));   // a mask, not an image
        PngFile.WriteRgba(Path.Combine(folder, "wide.png"), 40, 24, new byte[40 * 24 * 4]);
        File.WriteAllText(Path.Combine(folder, "broken.png"), "not a png");

        manual_seed(1);
        using var model = new Segmenter(new UNet(new UNetConfig(3, 1, Depth: 2, BaseFilters: 4)), 16);
        var skipped = new List<SharpGan.Data.SkippedFile>();
        var masks = FolderSegmentation.Predict(model, folder, skipped.Add).ToList();

        Assert.Equal(["rose.png", Path.Combine("sub", "tulip.png"), "wide.png"], masks.Select(m => m.RelativePath));
        Assert.Equal([(64, 64), (64, 64), (40, 24)], masks.Select(m => (m.Width, m.Height)));
        Assert.All(masks, m => Assert.Equal(m.Width * m.Height, m.Mask.Length));
        Assert.All(masks, m => Assert.All(m.Mask, v => Assert.True(v is 0 or 255)));
        Assert.Equal([Path.Combine(folder, "broken.png")], skipped.Select(s => s.Path));
    }

    [Fact]
    public void A_file_given_as_the_folder_is_called_a_file()
    {
        var notes = Repo.Fixture("formats", "notes.txt");
        var e = Assert.Throws<SharpGan.Data.DataException>(() => FolderSegmentation.Images(notes));
        Assert.Equal($"'{notes}' is a file, not a folder of images", e.Message);
    }
}
