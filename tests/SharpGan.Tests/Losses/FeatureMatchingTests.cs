using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

public class FeatureMatchingTests
{
    [Fact]
    public void The_loss_is_the_mean_squared_gap_between_mean_features()
    {
        using var scope = NewDisposeScope();
        // Real features' means (1, 2) (from rows (0, 2) and (2, 2)); fake means (1, 4): gaps 0 and 2 → (0 + 4) / 2 = 2.
        var real = tensor(new float[] { 0, 2, 2, 2 }).view(2, 2);
        var fake = tensor(new float[] { 1, 3, 1, 5 }).view(2, 2);
        Assert.Equal(2f, FeatureMatching.Loss(real, fake).item<float>(), 6);
        Assert.Equal(0f, FeatureMatching.Loss(real, real).item<float>());
    }
}
