using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Reporting;
using SharpGan.Files;

namespace SharpGan.Tests.Data;

public class PairedFolderTests
{
    /// <summary>A W×H picture whose left half is one colour and right half another.</summary>
    static void WriteHalves(string path, int width, int height, byte left, byte right)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                pixels[(y * width + x) * 3] = pixels[(y * width + x) * 3 + 1] = pixels[(y * width + x) * 3 + 2] = x < width / 2 ? left : right;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PngFile.Write(path, new RgbImage(width, height, pixels));
    }

    [Fact]
    public void Side_by_side_files_split_into_input_and_target_and_BtoA_swaps_them()
    {
        using var dir = new TempDir();
        WriteHalves(dir["pairs/one.png"], 64, 32, left: 10, right: 240);

        var ab = PairedFolder.Load(dir["pairs"], 16);
        Assert.Equal(1, ab.Count);
        Assert.All(ab.Inputs.Prepared(0).Rgb, v => Assert.Equal(10, v));
        Assert.All(ab.Targets.Prepared(0).Rgb, v => Assert.Equal(240, v));
        var ba = PairedFolder.Load(dir["pairs"], 16, "BtoA");
        Assert.All(ba.Inputs.Prepared(0).Rgb, v => Assert.Equal(240, v));

        WriteHalves(dir["pairs/square.png"], 32, 32, 0, 0);
        var e = Assert.Throws<DataException>(() => PairedFolder.Load(dir["pairs"], 16));
        Assert.Contains("square.png", e.Message);
        Assert.Contains("twice as wide", e.Message);
    }

    [Fact]
    public void A_and_B_folders_pair_by_name_as_data_pairs_writes_them()
    {
        using var dir = new TempDir();
        PairMaker.Run(Repo.Fixture("tiny"), dir["edges"], new PairOptions(PairKind.Edges, Size: 32));
        var set = PairedFolder.Load(dir["edges"], 32);
        Assert.Equal(Directory.GetFiles(Repo.Fixture("tiny"), "*.png").Length, set.Count);
        Assert.Equal(set.Inputs.Paths.Select(Path.GetFileName), set.Targets.Paths.Select(Path.GetFileName));
        Assert.All(set.Inputs.Prepared(0).Rgb, v => Assert.True(v is 0 or 255));   // edges: black on white
    }

    [Fact]
    public void Unmatched_and_unequal_pairs_are_named()
    {
        using var dir = new TempDir();
        WriteHalves(dir["ab/A/cat.png"], 32, 32, 0, 0);
        WriteHalves(dir["ab/B/cat.jpg.png"], 32, 32, 0, 0);
        WriteHalves(dir["ab/A/dog.png"], 32, 32, 0, 0);
        var missing = Assert.Throws<DataException>(() => PairedFolder.Load(dir["ab"], 16));
        Assert.Contains("A/cat has no B/cat", missing.Message);
        Assert.Contains("A/dog has no B/dog", missing.Message);
        Assert.Contains("B/cat.jpg has no A/cat.jpg", missing.Message);

        using var dir2 = new TempDir();
        WriteHalves(dir2["ab/A/cat.png"], 32, 32, 0, 0);
        WriteHalves(dir2["ab/B/cat.png"], 48, 32, 0, 0);
        var unequal = Assert.Throws<DataException>(() => PairedFolder.Load(dir2["ab"], 16));
        Assert.Contains("32×32", unequal.Message);
        Assert.Contains("48×32", unequal.Message);
    }

    [Fact]
    public void A_seeded_split_holds_out_the_same_pairs_and_trains_on_the_rest()
    {
        using var dir = new TempDir();
        PairMaker.Run(Repo.Fixture("tiny"), dir.Path, new PairOptions(PairKind.Gray, 32));
        var pairs = PairedFolder.Load(dir.Path, 32);
        var (train, heldOut) = pairs.Split(3, seed: 5);
        Assert.Equal((5, 3), (train.Count, heldOut.Count));
        Assert.Empty(train.Targets.Paths.Intersect(heldOut.Targets.Paths));
        Assert.Equal(heldOut.Targets.Paths, pairs.Split(3, seed: 5).HeldOut.Targets.Paths);
        Assert.Equal(train.Inputs.Paths.Select(p => Path.GetFileName(p)), train.Targets.Paths.Select(p => Path.GetFileName(p)));
        Assert.Throws<DataException>(() => pairs.Split(7, seed: 5));
    }
}
