using SharpGan.Data;
using SharpGan.Data.Augment;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

public class FlipRotateTests
{
    [Fact]
    public void Flips_mirror_whole_samples_and_masks_follow_images()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var images = rand(64, 3, 8, 8);
        var masks = images[.., ..1].gt(0.5).to_type(ScalarType.Float32);
        var result = FlipRotate.Apply(new Batch(images, masks), flipHorizontal: true, flipVertical: false, maxDegrees: 0);
        int flipped = 0;
        for (int i = 0; i < 64; i++)
        {
            bool same = result.Images[i].eq(images[i]).all().item<bool>();
            bool mirrored = result.Images[i].eq(images[i].flip(2)).all().item<bool>();
            Assert.True(same || mirrored);
            if (mirrored) flipped++;
            Assert.True(result.Masks[i].eq(result.Images[i][..1].gt(0.5).to_type(ScalarType.Float32)).all().item<bool>());
        }
        Assert.InRange(flipped, 16, 48);   // p = 0.5 over 64 samples
    }

    [Fact]
    public void Nothing_asked_means_the_batch_is_untouched()
    {
        using var scope = NewDisposeScope();
        var batch = new Batch(rand(2, 3, 4, 4), ones(2, 1, 4, 4));
        Assert.Same(batch, FlipRotate.Apply(batch, false, false, 0));
    }

    [Fact]
    public void Rotation_moves_an_off_centre_pixel_by_at_most_the_angle()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var images = zeros(16, 3, 33, 33);
        images[.., .., 16, 30] = tensor(1f);    // 14 px right of the centre: ±5° moves it ≤ 14·sin 5° ≈ 1.2 px
        var result = FlipRotate.Apply(new Batch(images, ones(16, 1, 33, 33)), false, false, maxDegrees: 5);
        var window = result.Images[.., 0, 14..19, 28..33].sum(dim: [1, 2]);
        var total = result.Images[.., 0].sum(dim: [1, 2]);
        Assert.True(window.sub(total).abs().max().item<float>() < 1e-4f, "all the pixel's mass stays within 2 px");
        Assert.True(result.Images[.., 0, 16, 30].lt(0.999).any().item<bool>(), "some sample was actually rotated");
    }
}
