using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Reporting;
using SharpGan.Files;

namespace SharpGan.Tests.Data;

public class MaskPairingTests
{
    static readonly string[] Flowers = ["google-blossom.png", "google-tulip.png", "google-sunflower.png"];

    /// <summary>Three real flowers (64×64) in a fresh folder.</summary>
    static string Images(TempDir dir)
    {
        var root = dir["data"];
        Directory.CreateDirectory(root);
        foreach (var f in Flowers) File.Copy(Repo.Path("data", "flowers", f), Path.Combine(root, f));
        return root;
    }

    /// <summary>A white rectangle [x0, x1) × [y0, y1) on black.</summary>
    static void WriteMask(string path, int side, int x0, int y0, int x1, int y1)
    {
        var pixels = new byte[side * side * 3];
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                pixels[(y * side + x) * 3] = pixels[(y * side + x) * 3 + 1] = pixels[(y * side + x) * 3 + 2] = 255;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PngFile.Write(path, new RgbImage(side, side, pixels));
    }

    static byte MaskAt(ImageSet set, int image, int x, int y) => set.Prepared(image).Alpha[y * set.Size + x];

    [Fact]
    public void Masks_folder_pairs_by_name_resizes_with_the_image_and_binarises()
    {
        using var dir = new TempDir();
        var root = Images(dir);
        // Left half of the 64-px image: at 32 px, columns 0..15.
        foreach (var f in Flowers) WriteMask(Path.Combine(root, "masks", f), 64, 0, 0, 32, 64);

        var (set, _) = ImageFolder.Load(new DataConfig { Path = root, Masks = "auto" }, 32);

        Assert.Equal(3, set.Count);   // the masks are not training images
        for (int i = 0; i < 3; i++)
        {
            Assert.All(set.Prepared(i).Alpha, v => Assert.True(v is 0 or 255));
            Assert.Equal(255, MaskAt(set, i, 5, 20));
            Assert.Equal(0, MaskAt(set, i, 25, 20));
            Assert.Equal(16 * 32, set.Prepared(i).Alpha.Count(v => v == 255));
        }
    }

    [Fact]
    public void Suffix_masks_beside_their_images_pair_and_are_not_images()
    {
        using var dir = new TempDir();
        var root = Images(dir);
        foreach (var f in Flowers) WriteMask(Path.Combine(root, Path.GetFileNameWithoutExtension(f) + "_mask.png"), 64, 0, 32, 64, 64);

        var (set, _) = ImageFolder.Load(new DataConfig { Path = root, Masks = "auto" }, 32);

        Assert.Equal(Flowers.Order(StringComparer.Ordinal), set.Paths.Select(Path.GetFileName));
        Assert.Equal(0, MaskAt(set, 0, 10, 5));
        Assert.Equal(255, MaskAt(set, 0, 10, 25));
    }

    [Fact]
    public void Alpha_masks_are_the_images_own_transparency_binarised()
    {
        var flowers = Repo.Path("data", "flowers");
        var (soft, _) = ImageFolder.Load(new DataConfig { Path = flowers }, 32);
        var (binary, _) = ImageFolder.Load(new DataConfig { Path = flowers, Masks = "alpha" }, 32);

        var expected = soft.Prepared(0).Alpha.Select(a => a >= 128 ? (byte)255 : (byte)0);
        Assert.Equal(expected, binary.Prepared(0).Alpha);
        Assert.Contains(binary.Prepared(0).Alpha, v => v == 0);
        Assert.Contains(binary.Prepared(0).Alpha, v => v == 255);
    }

    [Fact]
    public void Images_without_a_mask_are_named()
    {
        using var dir = new TempDir();
        var root = Images(dir);
        WriteMask(Path.Combine(root, "masks", Flowers[0]), 64, 0, 0, 32, 64);

        var e = Assert.Throws<DataException>(() => ImageFolder.Load(new DataConfig { Path = root, Masks = "auto" }, 32));
        Assert.Contains("2 of 3 images", e.Message);
        Assert.Contains(Flowers[1], e.Message);
        Assert.Contains(Flowers[2], e.Message);
    }

    [Fact]
    public void A_mask_of_the_wrong_size_names_both_files()
    {
        using var dir = new TempDir();
        var root = Images(dir);
        foreach (var f in Flowers) WriteMask(Path.Combine(root, "masks", f), f == Flowers[1] ? 48 : 64, 0, 0, 16, 16);

        var e = Assert.Throws<DataException>(() => ImageFolder.Load(new DataConfig { Path = root, Masks = "folder" }, 32));
        Assert.Contains(Path.Combine("masks", Flowers[1]), e.Message);
        Assert.Contains("48×48", e.Message);
        Assert.Contains("64×64", e.Message);
    }

    [Fact]
    public void Auto_prefers_the_masks_folder_and_an_unknown_mode_is_rejected()
    {
        using var dir = new TempDir();
        var root = Images(dir);
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        Assert.Equal(MaskSource.Folder, MaskPairing.Resolve(root, [], "auto"));
        Assert.Equal(MaskSource.Alpha, MaskPairing.Resolve(dir["elsewhere"], [], "auto"));
        Assert.Equal(MaskSource.Suffix, MaskPairing.Resolve(dir["elsewhere"], [Path.Combine(dir["elsewhere"], "a_mask.png")], "auto"));
        Assert.Throws<ConfigException>(() => ConfigValidator.Validate(new SharpGanConfig { Data = new DataConfig { Masks = "beside" } }));
    }
}
