using SharpGan.Config;
using SharpGan.Losses;
using SharpGan.Training.Tricks;

namespace SharpGan.Tests.Training.Tricks;

public class ScheduleTests
{
    [Fact]
    public void Wgan_critic_schedule_is_100_for_25_g_steps_then_5_and_100_every_500th()
    {
        var pace = LossRegistry.Create("wgan").Traits.Pace;
        var steps = Enumerable.Range(0, 1001).Select(g => CriticSchedule.DStepsBefore(g, pace, new SharpGanConfig())).ToArray();
        Assert.All(steps[..25], s => Assert.Equal(100, s));
        Assert.All(steps[25..500], s => Assert.Equal(5, s));
        Assert.Equal(100, steps[500]);
        Assert.Equal(5, steps[501]);
        Assert.Equal(100, steps[1000]);
    }

    [Fact]
    public void Other_losses_use_the_configured_ratio_and_wgan_gp_a_plain_five()
    {
        var ratio = new SharpGanConfig { Tricks = new TricksConfig { DSteps = 3 } };
        Assert.Equal(3, CriticSchedule.DStepsBefore(0, LossRegistry.Create("hinge").Traits.Pace, ratio));
        Assert.Equal(5, CriticSchedule.DStepsBefore(0, LossRegistry.Create("wgan-gp").Traits.Pace, ratio));
    }

    [Theory]
    [InlineData(NoiseDecay.Linear, 1, 0.1)]
    [InlineData(NoiseDecay.Linear, 6, 0.05)]
    [InlineData(NoiseDecay.Linear, 11, 0.0)]
    [InlineData(NoiseDecay.Linear, 20, 0.0)]
    [InlineData(NoiseDecay.Exponential, 1, 0.1)]
    [InlineData(NoiseDecay.Exponential, 2, 0.05)]        // halves every tenth of the span
    [InlineData(NoiseDecay.Exponential, 11, 0.1 / 1024)]
    public void Instance_noise_sigma_follows_its_schedule(NoiseDecay decay, int epoch, double sigma)
    {
        var tricks = new TricksConfig { InstanceNoise = 0.1, InstanceNoiseDecay = decay, InstanceNoiseEpochs = 10 };
        Assert.Equal(sigma, InstanceNoise.Sigma(tricks, epoch, totalEpochs: 50), 9);
    }

    [Fact]
    public void Instance_noise_decays_over_the_whole_run_by_default_and_is_off_at_zero()
    {
        Assert.Equal(0.05, InstanceNoise.Sigma(new TricksConfig { InstanceNoise = 0.1 }, 51, 100), 9);
        Assert.Equal(0, InstanceNoise.Sigma(new TricksConfig(), 1, 100));
    }
}
