using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Reporting;
using SharpGan.Files;

namespace SharpGan.Tests.DataTools;

public class PairMakerTests
{
    [Fact]
    public void Edge_pairs_put_black_lines_on_white_beside_each_target_deterministically()
    {
        using var dir = new TempDir();
        var tiny = Repo.Fixture("tiny");
        var result = PairMaker.Run(tiny, dir["a"], new PairOptions(PairKind.Edges, Size: 32));
        PairMaker.Run(tiny, dir["b"], new PairOptions(PairKind.Edges, Size: 32));

        var names = Directory.GetFiles(tiny, "*.png").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(names.Length, result.Pairs);
        Assert.Equal(names, Directory.GetFiles(dir["a/A"]).Select(Path.GetFileName).Order());
        Assert.Equal(names, Directory.GetFiles(dir["a/B"]).Select(Path.GetFileName).Order());
        foreach (var name in names)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a/A"], name!)), File.ReadAllBytes(Path.Combine(dir["b/A"], name!)));
        using var edges = ImageLoader.Decode(Path.Combine(dir["a/A"], names[0]!));
        var pixels = edges.Pixels.Select(c => (c.Red, c.Green, c.Blue)).ToArray();
        Assert.All(pixels, p => Assert.True(p is (0, 0, 0) or (255, 255, 255)));
        double ink = pixels.Count(p => p.Red == 0) / (double)pixels.Length;
        Assert.InRange(ink, 0.02, 0.5);   // an outline, not a fill
        Assert.InRange(result.MeanInk, 0.02, 0.5);
        Assert.Equal(names.Length + 1, File.ReadAllLines(dir["a/pairs.csv"]).Length);
    }

    [Fact]
    public void Higher_thresholds_give_fewer_edges()
    {
        using var dir = new TempDir();
        var low = PairMaker.Run(Repo.Fixture("tiny"), dir["low"], new PairOptions(PairKind.Edges, 32, new CannyOptions(Low: 0.05, High: 0.1)));
        var high = PairMaker.Run(Repo.Fixture("tiny"), dir["high"], new PairOptions(PairKind.Edges, 32, new CannyOptions(Low: 0.2, High: 0.4)));
        Assert.True(high.MeanInk < low.MeanInk, $"{high.MeanInk} vs {low.MeanInk}");
    }

    [Fact]
    public void Mask_gray_and_lowres_inputs()
    {
        using var dir = new TempDir();
        var tiny = Repo.Fixture("tiny");
        var mask = PairMaker.Run(tiny, dir["mask"], new PairOptions(PairKind.Mask, Size: 32));
        Assert.InRange(mask.MeanInk, 0.1, 0.9);
        PairMaker.Run(tiny, dir["gray"], new PairOptions(PairKind.Gray, Size: 32));
        using (var gray = ImageLoader.Decode(Directory.GetFiles(dir["gray/A"]).Order().First()))
            Assert.All(gray.Pixels, c => Assert.True(c.Red == c.Green && c.Green == c.Blue));
        PairMaker.Run(tiny, dir["lowres"], new PairOptions(PairKind.Lowres, Size: 32, Factor: 4));
        using var blocky = ImageLoader.Decode(Directory.GetFiles(dir["lowres/A"]).Order().First());
        for (int y = 0; y < 32; y += 4)
            for (int x = 0; x < 32; x += 4)
                Assert.Equal(blocky.GetPixel(x, y), blocky.GetPixel(x + 3, y + 3));   // 4×4 blocks of one colour
    }

    [Fact]
    public void Opaque_images_have_no_mask_and_are_reported()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        PngFile.Write(dir["in/flat.png"], new RgbImage(8, 8, new byte[8 * 8 * 3]));
        File.Copy(Repo.Path("data", "flowers", "google-rose.png"), dir["in/rose.png"]);
        var result = PairMaker.Run(dir["in"], dir["out"], new PairOptions(PairKind.Mask, Size: 32));
        Assert.Equal(1, result.Pairs);
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("flat.png") && s.Reason.Contains("no transparency"));
    }
}
