using SharpGan.Config;
using SharpGan.Models;
using SharpGan.Training.Tricks;
using static TorchSharp.torch;

namespace SharpGan.Tests.Training.Tricks;

public class EmaAndDropoutTests
{
    static readonly ModelConfig Small = new() { ImageSize = 32, Ngf = 4 };

    [Fact]
    public void Ema_weights_equal_the_closed_form_after_k_updates()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(Small);
        using var ema = new EmaGenerator(new DcganGenerator(Small), decay: 0.9);
        ema.Reset(g);
        var start = g.parameters().Select(p => p.detach().clone()).ToList();
        using (no_grad())
            foreach (var p in g.parameters()) p.fill_(1.0);
        for (int k = 0; k < 5; k++) ema.Update(g);
        // θ̄ = β⁵·θ₀ + (1 − β⁵)·1
        double b5 = Math.Pow(0.9, 5);
        foreach (var (average, initial) in ema.Shadow.parameters().Zip(start))
            Assert.True(average.sub(initial.mul(b5).add(1 - b5)).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Dropout_is_active_at_sampling_only_when_configured()
    {
        using var scope = NewDisposeScope();
        using var kept = new DcganGenerator(Small with { GDropout = 0.5, GDropoutAtSampling = true });
        using var trainOnly = new DcganGenerator(Small with { GDropout = 0.5 });
        kept.eval();
        trainOnly.eval();
        var noise = kept.Noise(4);
        using (no_grad())
        {
            Assert.False(kept.forward(noise).eq(kept.forward(noise)).all().item<bool>());
            Assert.True(trainOnly.forward(noise).eq(trainOnly.forward(noise)).all().item<bool>());
            trainOnly.train();
            Assert.False(trainOnly.forward(noise).eq(trainOnly.forward(noise)).all().item<bool>());
        }
    }
}
