using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Data.Augment;
using SharpGan.Recipes;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

/// <summary>ADA's transforms one by one and as a pipeline, on the 8 tiny fixture flowers at 32 px.</summary>
public class AdaptiveAugmentTests
{
    static Tensor Flowers()
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        return set.AsTensor();
    }

    static readonly Dictionary<string, Func<long, double, long, long, Tensor>> Geometric = new()
    {
        ["xflip"] = (b, p, _, _) => AdaGeometry.XFlip(b, p),
        ["rotate90"] = (b, p, _, _) => AdaGeometry.Rotate90(b, p),
        ["integer_translation"] = AdaGeometry.IntegerTranslation,
        ["isotropic_scaling"] = (b, p, _, _) => AdaGeometry.IsotropicScaling(b, p),
        ["rotation"] = (b, p, _, _) => AdaGeometry.Rotation(b, p),
        ["anisotropic_scaling"] = (b, p, _, _) => AdaGeometry.AnisotropicScaling(b, p),
        ["fractional_translation"] = AdaGeometry.FractionalTranslation,
    };

    static readonly Dictionary<string, Func<long, double, Tensor>> Colour = new()
    {
        ["brightness"] = AdaColor.Brightness,
        ["contrast"] = AdaColor.Contrast,
        ["luma_flip"] = AdaColor.LumaFlip,
        ["hue_rotation"] = AdaColor.HueRotation,
        ["saturation"] = AdaColor.Saturation,
    };

    static void AssertChangedAndDifferentiable(Tensor x, Tensor y)
    {
        Assert.Equal(x.shape, y.shape);
        Assert.True(y.isfinite().all().item<bool>());
        Assert.True(y.sub(x).abs().max().item<float>() > 1e-3, "at p = 1 the transform changes some sample");
        y.square().sum().backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.isfinite().all().item<bool>());
        Assert.True(x.grad.abs().sum().item<float>() > 0);
    }

    [Theory]
    [InlineData("xflip")]
    [InlineData("rotate90")]
    [InlineData("integer_translation")]
    [InlineData("isotropic_scaling")]
    [InlineData("rotation")]
    [InlineData("anisotropic_scaling")]
    [InlineData("fractional_translation")]
    public void Each_geometric_transform_alone_changes_stays_in_range_and_lets_gradients_through(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var x = Flowers().requires_grad_(true);
        var y = AdaGeometry.Warp(x, Geometric[name](x.shape[0], 1, 32, 32));
        // Bilinear resampling with reflection mixes input pixels only, so the range holds.
        Assert.InRange(y.min().item<float>(), -1 - 1e-5f, 1);
        Assert.InRange(y.max().item<float>(), -1, 1 + 1e-5f);
        AssertChangedAndDifferentiable(x, y);
    }

    [Theory]
    [InlineData("brightness")]
    [InlineData("contrast")]
    [InlineData("luma_flip")]
    [InlineData("hue_rotation")]
    [InlineData("saturation")]
    public void Each_colour_transform_alone_changes_and_lets_gradients_through(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var x = Flowers().requires_grad_(true);
        AssertChangedAndDifferentiable(x, AdaColor.Recolor(x, Colour[name](x.shape[0], 1)));
    }

    /// <summary>What each colour transform does to a pixel's luma (its channel mean) and to the rest of it, exactly.</summary>
    [Fact]
    public void Colour_transforms_keep_or_move_luma_as_their_definitions_say()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var x = Flowers();
        Tensor Luma(Tensor t) => t.mean([-3]);
        Tensor Recolored(string name) => AdaColor.Recolor(x, Colour[name](x.shape[0], 1));
        Assert.True(Luma(Recolored("hue_rotation")).allclose(Luma(x), atol: 1e-5), "hue turns about the luma axis");
        Assert.True(Luma(Recolored("saturation")).allclose(Luma(x), atol: 1e-5), "saturation scales away from it");
        var flipped = Recolored("luma_flip");
        for (int i = 0; i < x.shape[0]; i++)
        {
            var l = Luma(flipped[i]);
            Assert.True(l.allclose(Luma(x[i]), atol: 1e-5) || l.allclose(Luma(x[i]).neg(), atol: 1e-5), "luma is kept or negated");
        }
        var shift = Recolored("brightness").sub(x);
        Assert.True(shift.sub(shift.mean([1, 2, 3], keepdim: true)).abs().max().item<float>() < 1e-5, "one offset per sample");
        var ratio = Recolored("contrast").div(x.where(x.abs().gt(0.1), 1));
        var kept = x.abs().gt(0.1);
        for (int i = 0; i < x.shape[0]; i++)
        {
            var r = ratio[i].masked_select(kept[i]);
            Assert.True(r.max().sub(r.min()).item<float>() < 1e-4, "one factor per sample");
        }
    }

    [Fact]
    public void Flips_and_quarter_turns_move_whole_pixels()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        var x = Flowers();
        var flipped = AdaGeometry.Warp(x, AdaGeometry.XFlip(8, 1));
        var turned = AdaGeometry.Warp(x, AdaGeometry.Rotate90(8, 1));
        for (int i = 0; i < 8; i++)
        {
            Assert.True(flipped[i].allclose(x[i], atol: 1e-5) || flipped[i].allclose(x[i].flip(2), atol: 1e-5));
            Assert.Contains(Enumerable.Range(0, 4), k => turned[i].allclose(x[i].rot90(k, (1, 2)), atol: 1e-4));
        }
    }

    [Fact]
    public void The_sampler_matches_libtorch_s_grid_sample_with_reflection()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var x = Flowers();
        var theta = AdaGeometry.Draw(8, 1, 32, 32);
        var grid = nn.functional.affine_grid(AdaGeometry.Scale(full(8, 2f / 32), full(8, 2f / 32)).matmul(theta)
            .matmul(AdaGeometry.Scale(full(8, 16f), full(8, 16f))).narrow(1, 0, 2), x.shape, align_corners: false);
        var expected = nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: false);
        Assert.True(AdaGeometry.Sample(x, grid).allclose(expected, atol: 1e-5));
        Assert.True(AdaGeometry.Warp(x, theta).allclose(expected, atol: 1e-5));
    }

    /// <summary>R1, R2 and WGAN-GP differentiate D's input gradient: through the whole pipeline that must reach D's weights.</summary>
    [Fact]
    public void A_gradient_penalty_back_propagates_through_the_pipeline()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var weight = randn(3, 32, 32).requires_grad_(true);
        var x = Flowers().requires_grad_(true);
        var score = AdaptiveAugment.Apply(x, 1).mul(weight).sum();
        var gradient = autograd.grad([score], [x], create_graph: true)[0];
        gradient.square().sum().backward();
        Assert.True(weight.grad!.isfinite().all().item<bool>());
        Assert.True(weight.grad.abs().sum().item<float>() > 0);
    }

    /// <summary>A step's dispose scope holds every tensor made in it until the step ends; one augmentation used to leave
    /// ~40 B×H×W intermediates there (+400 MB a call at 128 px, batch 64). It leaves its result alone, and the
    /// intermediates autograd needs stay reachable through the graph: first and second derivatives still flow.</summary>
    [Fact]
    public void An_augmentation_leaves_only_its_result_in_the_callers_scope_and_its_derivatives_flow()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var weight = randn(3, 32, 32).requires_grad_(true);
        var x = Flowers().requires_grad_(true);
        int before = scope.DisposablesCount;
        var augmented = AdaptiveAugment.Apply(x, 1);
        Assert.Equal(before + 1, scope.DisposablesCount);
        var gradient = autograd.grad([augmented.mul(weight).sum()], [x], create_graph: true)[0];
        gradient.square().sum().backward();
        Assert.True(weight.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void At_p_zero_the_input_itself_comes_back_and_nothing_is_drawn()
    {
        using var scope = NewDisposeScope();
        var x = Flowers();
        manual_seed(9);
        var expected = rand(1);
        manual_seed(9);
        Assert.Same(x, AdaptiveAugment.Apply(x, 0));
        Assert.Equal(expected.item<float>(), rand(1).item<float>());
        var input = new DiscriminatorInput(DiffAugment.Parse("")) { AdaP = 0 };
        Assert.True(input.Apply(x).eq(x).all().item<bool>());
    }

    [Fact]
    public void At_p_one_the_pipeline_changes_every_sample_and_keeps_gradients()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        var x = Flowers().requires_grad_(true);
        var y = AdaptiveAugment.Apply(x, 1);
        Assert.True(y.sub(x).abs().amax([1, 2, 3]).min().item<float>() > 1e-3);
        AssertChangedAndDifferentiable(x, y);
    }

    [Fact]
    public void A_channels_last_bf16_batch_comes_back_channels_last_bf16()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var x = ComputePolicy.ToChannelsLast(Flowers().to_type(ScalarType.BFloat16));
        var y = AdaptiveAugment.Apply(x, 0.5);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.True(ComputePolicy.IsChannelsLast(y));
        Assert.Equal(x.shape, y.shape);
    }
}
