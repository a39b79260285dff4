using SharpGan.Config;
using SharpGan.Losses;
using SharpGan.Training;
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
    public void Learning_rates_ramp_down_linearly_over_the_last_share_of_the_epochs_and_never_to_zero()
    {
        // 8 epochs, the last quarter = 2 epochs: 2/3 then 1/3 of the rate.
        var factors = Enumerable.Range(1, 8).Select(e => Trainer.RampDown(e, 8, 0.25)).ToArray();
        Assert.Equal([1, 1, 1, 1, 1, 1, 2 / 3.0, 1 / 3.0], factors);
        Assert.All(Enumerable.Range(1, 8), e => Assert.Equal(1, Trainer.RampDown(e, 8, 0)));
        // 800 epochs, a quarter: full rate through epoch 600, half way down at 700, 1/201 in the last.
        Assert.Equal(1, Trainer.RampDown(600, 800, 0.25));
        Assert.Equal(100 / 201.0, Trainer.RampDown(701, 800, 0.25), 12);
        Assert.Equal(1 / 201.0, Trainer.RampDown(800, 800, 0.25), 12);
    }

    [Fact]
    public void Under_a_time_budget_the_rates_ramp_down_by_the_clock_over_its_last_share()
    {
        // 20 minutes, the last quarter = 300 s: full rate until 900 s, half at 1,050 s, a tenth 30 s before the end.
        Assert.Equal(1, Trainer.RampDown(0.0, 1200, 0.25));
        Assert.Equal(1, Trainer.RampDown(900.0, 1200, 0.25));
        Assert.Equal(0.5, Trainer.RampDown(1050.0, 1200, 0.25), 12);
        Assert.Equal(0.1, Trainer.RampDown(1170.0, 1200, 0.25), 12);
        // No budget (train.minutes = 0) or no ramp-down: full rate throughout.
        Assert.Equal(1, Trainer.RampDown(1170.0, 0, 0.25));
        Assert.Equal(1, Trainer.RampDown(1170.0, 1200, 0));
    }

    [Theory]
    [InlineData("tricks.lr_ramp_down=1", "tricks.lr_ramp_down = 1: allowed 0 (off) to below 1")]
    [InlineData("tricks.lr_ramp_down=-0.1", "tricks.lr_ramp_down = -0.1: allowed 0 (off) to below 1")]
    public void A_ramp_down_outside_its_range_is_refused_naming_the_key(string assignment, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["data.path=x", assignment]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Instance_noise_decays_over_the_whole_run_by_default_and_is_off_at_zero()
    {
        Assert.Equal(0.05, InstanceNoise.Sigma(new TricksConfig { InstanceNoise = 0.1 }, 51, 100), 9);
        Assert.Equal(0, InstanceNoise.Sigma(new TricksConfig(), 1, 100));
    }
}
