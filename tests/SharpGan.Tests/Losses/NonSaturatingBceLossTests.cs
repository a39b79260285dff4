using SharpGan.Losses;
using static TorchSharp.torch;

namespace SharpGan.Tests.Losses;

public class NonSaturatingBceLossTests
{
    [Fact]
    public void Values_match_the_hand_computed_logistic_losses()
    {
        using var scope = NewDisposeScope();
        var loss = new NonSaturatingBceLoss();
        var real = tensor(new[] { 0f, 2f });
        var fake = tensor(new[] { 0f, -1f });
        // D: mean(-log σ(0), -log σ(2)) + mean(-log(1-σ(0)), -log(1-σ(-1)))
        double expectedD = (Math.Log(2) + Math.Log(1 + Math.Exp(-2))) / 2 + (Math.Log(2) + Math.Log(1 + Math.Exp(-1))) / 2;
        // G: mean(-log σ(0), -log σ(-1))
        double expectedG = (Math.Log(2) + Math.Log(1 + Math.Exp(1))) / 2;
        Assert.Equal(expectedD, loss.Discriminator(real, fake).item<float>(), 5);
        Assert.Equal(expectedG, loss.Generator(fake).item<float>(), 5);
    }

    [Fact]
    public void Registry_knows_bce_and_lists_names_for_a_typo()
    {
        Assert.IsType<NonSaturatingBceLoss>(LossRegistry.Create("bce"));
        var e = Assert.Throws<ArgumentException>(() => LossRegistry.Create("bse"));
        Assert.Contains("bce", e.Message);
    }
}
