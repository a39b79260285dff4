using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.Tests.Data;

public class MaskFlawsTests
{
    static MaskFlaw OfFile(string path, bool cutOut = false)
    {
        using var bitmap = ImageLoader.Decode(path);
        return MaskFlaws.OfSource(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height, cutOut);
    }

    [Fact]
    public void A_drawn_mask_and_the_anti_aliased_alpha_of_every_flower_pass()
    {
        using var dir = new TempDir();
        Assert.Equal(MaskFlaw.None, OfFile(TestMasks.Quarter(dir["q.png"], 64, 64)));
        var flowers = Directory.GetFiles(Repo.Path("data", "flowers"), "*.png");
        Assert.Equal(58, flowers.Length);
        Assert.All(flowers, f => Assert.Equal(MaskFlaw.None, OfFile(f, cutOut: true)));
    }

    [Fact]
    public void A_ramp_is_gray_a_yellow_quarter_is_colour_and_a_photo_is_both()
    {
        using var dir = new TempDir();
        Assert.Equal(MaskFlaw.Gray, OfFile(TestMasks.Ramp(dir["ramp.png"], 64)));
        Assert.Equal(MaskFlaw.Colour, OfFile(TestMasks.Yellow(dir["yellow.png"], 64)));
        Assert.Equal(MaskFlaw.Gray | MaskFlaw.Colour, OfFile(Repo.Fixture("formats", "photo.jpg")));
    }

    [Fact]
    public void Binary_masks_are_empty_full_or_neither()
    {
        Assert.Equal(MaskFlaw.Empty, MaskFlaws.OfBinary(new byte[16]));
        Assert.Equal(MaskFlaw.Full, MaskFlaws.OfBinary(Enumerable.Repeat((byte)255, 16).ToArray()));
        Assert.Equal(MaskFlaw.None, MaskFlaws.OfBinary([0, 255, 0, 0]));
    }

    [Fact]
    public void Lines_count_each_flaw_and_name_the_first_three()
    {
        var masks = new (string, MaskFlaw)[]
        {
            ("a.png", MaskFlaw.Empty), ("b.png", MaskFlaw.Empty), ("c.png", MaskFlaw.Empty | MaskFlaw.Colour), ("d.png", MaskFlaw.Empty),
            ("e.png", MaskFlaw.None),
        };
        Assert.Equal(
        [
            "4 of 5 mask(s) empty (no object pixel): a.png, b.png, c.png, …",
            "1 of 5 mask(s) in colour, not gray (read as luminance): c.png",
        ], MaskFlaws.Lines(masks));
        Assert.Empty(MaskFlaws.Lines([("e.png", MaskFlaw.None)]));
    }
}
