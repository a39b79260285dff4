using SharpGan.DataTools;
using SkiaSharp;

namespace SharpGan.Tests.DataTools;

public class AugmentFolderTests
{
    [Fact]
    public void Each_code_writes_one_file_per_source_named_after_both()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in/sub"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["in/rose.png"]);
        File.Copy(Repo.Fixture("tiny", "google-tulip.png"), dir["in/sub/tulip.png"]);

        var result = AugmentFolder.Run(dir["in"], ["fliph", "rot_90", "trans_20_10"]);

        Assert.Equal((2, 6), (result.Sources, result.Written));
        Assert.True(File.Exists(dir["in/rose__fliph.png"]));
        Assert.True(File.Exists(dir["in/sub/tulip__trans_20_10.png"]));
        using (var out90 = SKBitmap.Decode(dir["in/rose__rot_90.png"]))
            Assert.Equal((64, 64), (out90.Width, out90.Height));
        var again = AugmentFolder.Run(dir["in"], ["flipv"]);
        Assert.Equal(2, again.Sources);     // earlier outputs (NAME__CODE) are not augmented again
    }

    [Fact]
    public void A_malformed_code_fails_before_anything_is_written()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["in/rose.png"]);
        Assert.Throws<FormatException>(() => AugmentFolder.Run(dir["in"], ["fliph", "rot_x"]));
        Assert.Single(Directory.GetFiles(dir["in"]));
    }
}
