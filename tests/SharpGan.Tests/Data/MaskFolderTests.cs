using SharpGan.Data;
using SharpGan.Reporting;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.Tests.Data;

public class MaskFolderTests
{
    static void WriteSquareMask(string path, int side)
    {
        var pixels = new byte[side * side * 3];
        for (int y = 0; y < side / 2; y++)
            for (int x = 0; x < side / 2; x++)
                pixels[(y * side + x) * 3] = pixels[(y * side + x) * 3 + 1] = pixels[(y * side + x) * 3 + 2] = 255;
        PngFile.Write(path, new RgbImage(side, side, pixels));
    }

    [Fact]
    public void One_file_or_a_folder_of_masks_loads_binarised_at_the_generators_size()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["masks"]);
        WriteSquareMask(dir["masks/a.png"], 64);
        WriteSquareMask(dir["masks/b.png"], 48);

        var one = MaskFolder.Load(dir["masks/a.png"], 32);
        Assert.Equal(["a"], one.Names);
        Assert.Equal(16 * 16, one.Masks.Count(v => v == 255));
        Assert.Null(one.Images);

        var folder = MaskFolder.Load(dir["masks"], 32);
        Assert.Equal(["a", "b"], folder.Names);
        using var scope = NewDisposeScope();
        Assert.Equal([2L, 1, 32, 32], folder.ToTensor().shape);
        Assert.Equal(2 * 16 * 16, folder.ToTensor().sum().item<float>());
    }

    [Fact]
    public void A_paired_folder_gives_masks_with_the_images_they_came_from()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["data/masks"]);
        foreach (var name in new[] { "rose", "tulip" })
        {
            File.Copy(Repo.Path("data", "flowers", $"google-{name}.png"), dir[$"data/{name}.png"]);
            WriteSquareMask(dir[$"data/masks/{name}.png"], 64);
        }

        var set = MaskFolder.Load(dir["data"], 32);
        Assert.Equal(["rose", "tulip"], set.Names);
        Assert.NotNull(set.Images);
        Assert.Equal(255, set.Masks[0]);
        Assert.Equal(0, set.Masks[32 * 32 - 1]);
    }

    [Fact]
    public void The_figure_has_a_row_per_mask_of_generated_mask_and_real()
    {
        using var scope = NewDisposeScope();
        var figure = MaskFigure.Compose(ones(2, 3, 8, 8), zeros(2, 1, 8, 8), ones(2, 3, 8, 8).neg());
        // 8 px tiles are enlarged 12× to 96 px.
        Assert.Equal((3 * 96 + 4 * 2, 2 * 96 + 3 * 2), (figure.Width, figure.Height));
        Assert.Equal(((byte)255, (byte)255, (byte)255), figure[2, 2]);           // generated: white
        Assert.Equal(((byte)0, (byte)0, (byte)0), figure[2 + 98, 2]);            // its mask: empty, black
        Assert.Equal(((byte)0, (byte)0, (byte)0), figure[2 + 196, 98 + 5]);      // real, second row: black
        Assert.Equal(((byte)96, (byte)96, (byte)96), figure[1, 1]);              // the gap
    }

    [Fact]
    public void A_square_mask_of_another_size_is_resized_with_a_warning_and_flaws_are_named()
    {
        using var dir = new TempDir();
        TestMasks.Quarter(dir["masks/a.png"], 64, 64);
        TestMasks.Empty(dir["masks/b.png"], 32);
        TestMasks.Quarter(dir["masks/c.png"], 32, 32);

        var set = MaskFolder.Load(dir["masks"], 32);

        Assert.Equal(3, set.Count);
        Assert.Equal(
        [
            "1 of 3 mask(s) empty (no object pixel): b.png",
            "1 of 3 mask(s) resized to 32×32: a.png (64×64)",
        ], set.Warnings);
        Assert.Empty(MaskFolder.Load(dir["masks/c.png"], 32).Warnings);
    }

    [Fact]
    public void A_mask_that_is_not_square_is_refused_with_its_size()
    {
        using var dir = new TempDir();
        TestMasks.Quarter(dir["masks/a.png"], 32, 32);
        TestMasks.Quarter(dir["masks/wide.png"], 48, 32);
        var e = Assert.Throws<DataException>(() => MaskFolder.Load(dir["masks"], 32));
        Assert.Equal($"mask '{dir["masks/wide.png"]}' is 48×32; this generator takes 32×32 masks (a square mask of another size is resized; crop or pad this one to a square first)", e.Message);
    }

    [Fact]
    public void A_missing_path_is_named()
    {
        var e = Assert.Throws<DataException>(() => MaskFolder.Load("/no/such/masks", 32));
        Assert.Contains("/no/such/masks", e.Message);
    }
}
