using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

public class LabelPolicyTests
{
    [Fact]
    public void Plain_targets_are_one_and_zero()
    {
        using var scope = NewDisposeScope();
        var t = new LabelPolicy().Draw(3, 2);
        Assert.Equal([1f, 1f, 1f], t.Real.data<float>().ToArray());
        Assert.Equal([0f, 0f], t.Fake.data<float>().ToArray());
    }

    [Fact]
    public void One_sided_smoothing_lowers_only_the_real_target()
    {
        using var scope = NewDisposeScope();
        var t = new LabelPolicy(Smoothing: 0.1).Draw(4, 4);
        Assert.All(t.Real.data<float>().ToArray(), v => Assert.Equal(0.9f, v, 6));
        Assert.All(t.Fake.data<float>().ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Soft_noisy_labels_stay_in_their_ranges_over_many_draws()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var t = new LabelPolicy(SoftNoisy: true).Draw(20_000, 20_000);
        Assert.InRange(t.Real.min().item<float>(), 0.8f, 0.801f);
        Assert.InRange(t.Real.max().item<float>(), 1.199f, 1.2f);
        Assert.InRange(t.Fake.min().item<float>(), 0f, 0.001f);
        Assert.InRange(t.Fake.max().item<float>(), 0.199f, 0.2f);
        Assert.Equal(1.0, t.Real.mean().item<float>(), 2);
        Assert.Equal(0.1, t.Fake.mean().item<float>(), 2);
    }

    [Fact]
    public void Flipping_swaps_about_p_of_the_targets()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        var t = new LabelPolicy(FlipProbability: 0.3).Draw(20_000, 20_000);
        Assert.Equal(0.3, t.Real.eq(0).to_type(ScalarType.Float32).mean().item<float>(), 1);
        Assert.Equal(0.3, t.Fake.eq(1).to_type(ScalarType.Float32).mean().item<float>(), 1);
    }
}
