using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Tests.Data;

public class ImageLoaderTests
{
    static readonly (byte, byte, byte) White = (255, 255, 255);

    [Theory]
    [InlineData("rgba.png")]
    [InlineData("gray.png")]
    [InlineData("gray-alpha.png")]
    [InlineData("palette.png")]
    [InlineData("photo.jpg")]
    [InlineData("cmyk.jpg")]
    [InlineData("image.webp")]
    [InlineData("image.bmp")]
    [InlineData("animated.gif")]
    [InlineData("sixteen-bit.png")]
    public void Every_supported_format_decodes_to_the_model_size(string file)
    {
        var image = ImageLoader.Load(Repo.Fixture("formats", file), 32, ResizeMode.Crop, White);
        Assert.Equal(32, image.Size);
        Assert.Equal(3 * 32 * 32, image.Rgb.Length);
        Assert.Equal(32 * 32, image.Alpha.Length);
        Assert.True(image.Rgb.Distinct().Count() > 8, "a real picture has more than a handful of values");
    }

    [Fact]
    public void Rgba_keeps_its_alpha_as_mask_and_composites_over_the_background()
    {
        var image = ImageLoader.Load(Repo.Fixture("formats", "rgba.png"), 64, ResizeMode.Crop, White);
        Assert.True(image.HadAlpha);
        Assert.Equal(0, image.Alpha[0]);                  // the emoji's corner is transparent...
        Assert.Equal(255, image.Rgb[0]);                  // ...so it shows the white background
        Assert.Contains((byte)255, image.Alpha);          // and its body is opaque
        var black = ImageLoader.Load(Repo.Fixture("formats", "rgba.png"), 64, ResizeMode.Crop, (0, 0, 0));
        Assert.Equal(0, black.Rgb[0]);
    }

    [Fact]
    public void Grayscale_becomes_three_equal_channels()
    {
        var image = ImageLoader.Load(Repo.Fixture("formats", "gray.png"), 32, ResizeMode.Crop, White);
        int plane = 32 * 32;
        for (int i = 0; i < plane; i++)
        {
            Assert.Equal(image.Rgb[i], image.Rgb[plane + i]);
            Assert.Equal(image.Rgb[i], image.Rgb[2 * plane + i]);
        }
        Assert.False(image.HadAlpha);
        Assert.All(image.Alpha, a => Assert.Equal(255, a));
    }

    [Fact]
    public void Palette_with_transparency_keeps_its_alpha()
    {
        var image = ImageLoader.Load(Repo.Fixture("formats", "palette.png"), 32, ResizeMode.Crop, White);
        Assert.True(image.HadAlpha);
        Assert.Contains((byte)0, image.Alpha);
    }

    [Theory]
    [InlineData("truncated.png", "truncated")]
    [InlineData("empty.png", "empty")]
    [InlineData("not-an-image.png", "not a decodable image")]
    public void Bad_files_raise_a_reason(string file, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => ImageLoader.Load(Repo.Fixture("formats", file), 32, ResizeMode.Crop, White));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Crop_takes_the_centre_square_and_pad_fits_the_whole_picture()
    {
        var (cropSource, cropDest) = ImageLoader.Placement(80, 48, 32, ResizeMode.Crop);
        Assert.Equal((16f, 0f, 64f, 48f), (cropSource.Left, cropSource.Top, cropSource.Right, cropSource.Bottom));
        Assert.Equal(32f, cropDest.Width);

        var (padSource, padDest) = ImageLoader.Placement(80, 48, 32, ResizeMode.Pad);
        Assert.Equal(80f, padSource.Width);
        Assert.Equal(0f, padDest.Left);
        Assert.Equal(6.4f, padDest.Top, 4);
        Assert.Equal(32f, padDest.Right);
        Assert.Equal(25.6f, padDest.Bottom, 4);
    }

    [Fact]
    public void Pad_mode_fills_the_margin_with_the_background()
    {
        var image = ImageLoader.Load(Repo.Fixture("formats", "photo.jpg"), 32, ResizeMode.Pad, (0, 0, 255));
        int plane = 32 * 32;
        Assert.Equal((0, 0, 255), (image.Rgb[0], image.Rgb[plane], image.Rgb[2 * plane]));   // top-left is margin
        Assert.Equal(0, image.Alpha[0]);
        Assert.Equal(255, image.Alpha[16 * 32 + 16]);                                        // centre is picture
    }
}
