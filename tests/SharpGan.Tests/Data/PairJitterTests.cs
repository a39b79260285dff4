using SharpGan.Data.Augment;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

public class PairJitterTests
{
    [Fact]
    public void Both_halves_get_the_same_crop_and_flip()
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(7);
        var picture = rand(16, 3, 32, 32);
        // The target is the input's negative: after jitter it must still be exactly the negative of the jittered input.
        var (input, target) = PairJitter.Apply(picture, picture.neg(), random);
        Assert.Equal([16L, 3, 32, 32], input.shape);
        Assert.True(target.add(input).abs().max().item<float>() < 1e-6);
        // And the jitter does move things: not every sample comes back as it was.
        Assert.False(input.sub(picture).abs().max().item<float>() < 1e-3);
    }

    [Fact]
    public void A_seed_repeats_the_jitter()
    {
        using var scope = NewDisposeScope();
        var picture = rand(4, 3, 32, 32);
        using var first = new Generator(3);
        using var second = new Generator(3);
        var (a, _) = PairJitter.Apply(picture, picture, first);
        var (b, _) = PairJitter.Apply(picture, picture, second);
        Assert.True(a.equal(b).all().item<bool>());
    }
}
