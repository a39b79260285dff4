using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// How D's targets are drawn each step: one-sided smoothing (real 1 − s; Salimans et al., the flower GAN and the
/// car-logo ACGAN), soft noisy labels (real ~ U(0.8, 1.2), fake ~ U(0, 0.2); the anime-face report) and label flipping
/// with probability p (the bird DCGAN). Fake targets are never smoothed: smoothing them would reward D for believing in
/// G's mistakes.
/// </summary>
internal sealed record LabelPolicy(double Smoothing = 0, bool SoftNoisy = false, double FlipProbability = 0)
{
    public const double SoftRealLow = 0.8, SoftRealHigh = 1.2, SoftFakeLow = 0.0, SoftFakeHigh = 0.2;

    public bool IsPlain => Smoothing == 0 && !SoftNoisy && FlipProbability == 0;

    /// <summary>Targets for D's <paramref name="real"/> and <paramref name="fake"/> outputs, on their device (drawn on
    /// the CPU, so a seed gives the same targets on any device).</summary>
    public LabelTargets Draw(Tensor real, Tensor fake)
    {
        var targets = Draw(real.shape[0], fake.shape[0]);
        return real.device.type == TorchSharp.DeviceType.CPU ? targets : new LabelTargets(targets.Real.to(real.device), targets.Fake.to(fake.device));
    }

    public LabelTargets Draw(long realCount, long fakeCount)
    {
        if (IsPlain) return LabelTargets.Hard(realCount, fakeCount);
        var real = SoftNoisy ? Uniform(realCount, SoftRealLow, SoftRealHigh) : full(realCount, 1.0 - Smoothing);
        var fake = SoftNoisy ? Uniform(fakeCount, SoftFakeLow, SoftFakeHigh) : zeros(fakeCount);
        if (FlipProbability > 0)
        {
            // A flipped sample gets the other side's target: 1 − t maps a real target to a fake one and back.
            real = where(rand(realCount).lt(FlipProbability), real.neg().add(1), real);
            fake = where(rand(fakeCount).lt(FlipProbability), fake.neg().add(1), fake);
        }
        return new LabelTargets(real, fake);
    }

    static Tensor Uniform(long n, double low, double high) => rand(n).mul_(high - low).add_(low);
}
