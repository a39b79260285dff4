using SharpGan.Data.Augment;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

public class DiffAugmentTests
{
    [Theory]
    [InlineData("color")]
    [InlineData("translation")]
    [InlineData("cutout")]
    [InlineData("color,translation,cutout")]
    public void Every_policy_keeps_the_shape_and_lets_gradients_through(string policy)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var x = rand(4, 3, 16, 16).mul(2).sub(1).requires_grad_(true);
        var y = DiffAugment.Parse(policy).Apply(x);
        Assert.Equal(x.shape, y.shape);
        y.square().sum().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Translation_moves_a_marked_pixel_by_whole_pixels_within_an_eighth()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var x = zeros(32, 1, 32, 32);
        x[.., .., 16, 16] = tensor(1f);
        var y = DiffAugment.Translation(x);
        for (int i = 0; i < 32; i++)
        {
            var at = y[i, 0].flatten().argmax().item<long>();
            Assert.Equal(1f, y[i].sum().item<float>());                       // moved, not blurred or lost
            Assert.InRange(at / 32 - 16, -4, 4);
            Assert.InRange(at % 32 - 16, -4, 4);
        }
    }

    [Fact]
    public void Cutout_zeroes_one_square_of_half_the_side()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var mask = DiffAugment.CutoutMask(64, 16, 16);
        var zeroed = mask.eq(0).sum([1, 2, 3]).to_type(ScalarType.Float32);
        Assert.True(zeroed.max().item<float>() == 64f, "an unclipped square is 8 × 8");
        Assert.True(zeroed.min().item<float>() >= 16f, "a clipped square keeps at least a quarter");
    }

    [Fact]
    public void Color_changes_values_per_sample_and_empty_policy_is_identity()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var x = rand(8, 3, 8, 8).mul(2).sub(1);
        var y = DiffAugment.Color(x);
        Assert.False(y.eq(x).all().item<bool>());
        Assert.InRange(y.mean().item<float>(), -1f, 1f);
        Assert.Same(x, DiffAugment.Parse("").Apply(x));
    }

    [Fact]
    public void Unknown_policy_names_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => DiffAugment.Parse("color,zoom"));
        Assert.Contains("zoom", e.Message);
        Assert.Contains("translation", e.Message);
    }
}
