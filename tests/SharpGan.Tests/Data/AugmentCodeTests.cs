using SharpGan.Data.Augment;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

/// <summary>The car-logo ACGAN's codes, each checked for its exact geometric effect on a marked picture.</summary>
public class AugmentCodeTests
{
    /// <summary>A 1×4×64×64 transparent picture with one opaque white pixel at (x, y).</summary>
    static Tensor Marked(int x, int y)
    {
        var picture = zeros(1, 4, 64, 64);
        picture[.., .., y, x] = tensor(1f);
        return picture;
    }

    static (long X, long Y) Brightest(Tensor picture)
    {
        long at = picture[0, 0].flatten().argmax().item<long>();
        return (at % picture.shape[3], at / picture.shape[3]);
    }

    static Tensor Apply(string code, Tensor x) => AugmentCode.Parse(code).Apply(x);

    [Theory]
    [InlineData("fliph")]
    [InlineData("flipv")]
    public void Flipping_twice_is_the_identity(string code)
    {
        using var scope = NewDisposeScope();
        var x = rand(2, 4, 16, 24);
        Assert.True(Apply(code, Apply(code, x)).eq(x).all().item<bool>());
        Assert.False(Apply(code, x).eq(x).all().item<bool>());
    }

    [Fact]
    public void Fliph_mirrors_left_and_right()
    {
        using var scope = NewDisposeScope();
        Assert.Equal((63L, 5L), Brightest(Apply("fliph", Marked(0, 5))));
        Assert.Equal((0L, 58L), Brightest(Apply("flipv", Marked(0, 5))));
    }

    [Fact]
    public void Rot_90_turns_counter_clockwise_so_the_top_left_corner_goes_bottom_left()
    {
        using var scope = NewDisposeScope();
        Assert.Equal((0L, 63L), Brightest(Apply("rot_90", Marked(0, 0))));
        Assert.Equal((63L, 63L), Brightest(Apply("rot_180", Marked(0, 0))));
        Assert.Equal((63L, 0L), Brightest(Apply("rot_-90", Marked(0, 0))));
    }

    [Fact]
    public void Rot_45_moves_a_pixel_along_its_circle()
    {
        using var scope = NewDisposeScope();
        // 20 px right of the centre (31.5, 31.5): 45° counter-clockwise puts it up and right by 20/√2 ≈ 14.1 each.
        var (x, y) = Brightest(Apply("rot_45", Marked(51, 31)));
        Assert.InRange(x, 44, 46);
        Assert.InRange(y, 16, 18);
    }

    [Fact]
    public void Trans_20_10_shifts_a_marked_pixel_by_20_right_and_10_down()
    {
        using var scope = NewDisposeScope();
        var result = Apply("trans_20_10", Marked(5, 7));
        Assert.Equal((25L, 17L), Brightest(result));
        Assert.Equal(1f, result[0, 0].sum().item<float>());
        Assert.Equal((0L, 7L), Brightest(Apply("trans_-5_0", Marked(5, 7))));
    }

    [Fact]
    public void Zoom_stretches_the_box_to_the_whole_picture()
    {
        using var scope = NewDisposeScope();
        var leftHalf = zeros(1, 4, 64, 64);
        leftHalf[.., .., .., ..32] = tensor(1f);
        Assert.True(Apply("zoom_0_0_32_32", leftHalf).eq(1).all().item<bool>());        // the box lies in the white half
        var zoomedOut = Apply("zoom_-16_-16_80_80", ones(1, 4, 64, 64));                 // 96 px box: the picture shrinks to 2/3
        Assert.Equal(0f, zoomedOut[0, 0, 2, 2].item<float>());
        Assert.Equal(1f, zoomedOut[0, 0, 32, 32].item<float>());
        Assert.Equal(new long[] { 1, 4, 64, 64 }, zoomedOut.shape);
    }

    [Fact]
    public void Blur_spreads_a_pixel_with_the_given_sigma_and_keeps_its_mass()
    {
        using var scope = NewDisposeScope();
        var blurred = Apply("blur_1.5", Marked(32, 32))[0, 0];
        Assert.Equal(1f, blurred.sum().item<float>(), 4);
        var profile = blurred[32];                                       // the row through the pixel
        var offsets = arange(64).to_type(ScalarType.Float32).sub(32);
        double variance = profile.mul(offsets.square()).sum().item<float>() / profile.sum().item<float>();
        Assert.Equal(1.5 * 1.5, variance, 1);
    }

    [Fact]
    public void A_blur_wider_than_the_picture_blurs_it_where_reflection_cannot_reach()
    {
        using var scope = NewDisposeScope();
        var small = Marked(8, 8)[.., .., ..16, ..16];                      // σ 11: a radius of 33 px on a 16-px picture

        var blurred = Apply("blur_11", small)[0, 0];

        Assert.Equal([16L, 16L], blurred.shape);
        Assert.True(blurred.isfinite().all().item<bool>());
        Assert.InRange(blurred.max().item<float>(), 1e-4f, 0.02f);         // spread over the whole picture
    }

    [Fact]
    public void Noise_has_the_given_variance_and_leaves_alpha_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var grey = full(1, 4, 64, 64, 0.5f);
        var noisy = Apply("noise_0.01", grey);
        Assert.Equal(0.1, noisy[0, ..3].sub(0.5).std().item<float>(), 2);
        Assert.True(noisy[0, 3].eq(0.5).all().item<bool>());
    }

    [Theory]
    [InlineData("rot", "rot takes 1 number")]
    [InlineData("rot_x", "rot takes 1 number")]
    [InlineData("trans_20", "trans takes 2 number")]
    [InlineData("trans_1.5_2", "whole pixels")]
    [InlineData("zoom_10_10_5_20", "X1 < X2")]
    [InlineData("blur_0", "σ must be above 0")]
    [InlineData("blur_1e9", "at most 100 pixels")]
    [InlineData("rot_1e308", "from -360 to 360")]
    [InlineData("zoom_0_0_100000_100000", "within ±4,096")]
    [InlineData("trans_-5000_0", "within ±4,096")]
    [InlineData("noise_2", "variance")]
    [InlineData("spin_90", "unknown augmentation code 'spin_90'")]
    public void Malformed_codes_say_what_form_they_take(string code, string message)
    {
        var e = Assert.Throws<FormatException>(() => AugmentCode.Parse(code));
        Assert.Contains(message, e.Message);
    }
}
