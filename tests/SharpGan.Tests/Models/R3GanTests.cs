using SharpGan.Config;
using SharpGan.Models;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

/// <summary>The r3gan networks' own pieces: fix-up blocks, low-pass resampling, grouping, and an ACGAN run on them.</summary>
public class R3GanTests
{
    [Fact]
    public void A_fresh_residual_block_is_the_identity_and_learns_from_its_last_convolution()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var block = new R3ResidualBlock(32, totalBlocks: 5);
        var last = block.named_parameters().Single(p => p.name == "project.weight").parameter;
        Assert.Equal(0f, last.abs().max().item<float>());
        var x = randn(2, 32, 8, 8);
        var y = block.forward(x);
        Assert.Equal(x.data<float>().ToArray(), y.data<float>().ToArray());

        // Zero weights at the end still pass a gradient to that convolution (its input is not zero).
        y.square().sum().backward();
        Assert.True(last.grad!.abs().max().item<float>() > 0);
    }

    [Fact]
    public void Fix_up_scales_the_first_convolutions_by_the_blocks_of_the_network()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        static float Std(int blocks) => new R3ResidualBlock(64, blocks).named_parameters()
            .Single(p => p.name == "expand.weight").parameter.std().item<float>();
        // N(0, gain·L^(−1/4)/√fan-in) with fan-in 64: 16 blocks halve the spread of 1.
        Assert.Equal(MsrInit.LeakyReluGain / 8, Std(1), 0.01);
        Assert.Equal(MsrInit.LeakyReluGain / 16, Std(16), 0.01);
    }

    [Fact]
    public void Low_pass_resampling_doubles_or_halves_the_side_and_keeps_a_constant_inside()
    {
        using var scope = NewDisposeScope();
        var ones = TorchSharp.torch.ones(1, 3, 8, 8);
        var up = LowPassResample.Up().forward(ones);
        var down = LowPassResample.Down().forward(ones);
        Assert.Equal(new long[] { 1, 3, 16, 16 }, up.shape);
        Assert.Equal(new long[] { 1, 3, 4, 4 }, down.shape);
        // Only the border sees the zero padding.
        Assert.True(up[.., .., 1..^1, 1..^1].sub(1).abs().max().item<float>() < 1e-6);
        Assert.True(down[.., .., 1..^1, 1..^1].sub(1).abs().max().item<float>() < 1e-6);
    }

    [Theory]
    [InlineData(64, 4)]
    [InlineData(32, 2)]
    [InlineData(24, 3)]
    [InlineData(8, 1)]
    public void The_grouped_convolution_has_groups_of_16_where_the_width_allows(long channels, long groups) =>
        Assert.Equal(groups, R3Layout.Groups(channels));

    [Fact]
    public void Widths_double_as_the_side_halves_up_to_the_cap()
    {
        var config = new ModelConfig { ImageSize = 64, Ngf = 64, MaxMultiplier = 2 };
        Assert.Equal(new long[] { 128, 128, 64, 32, 16 }, R3Layout.Sides(64).Select(s => R3Layout.Width(config.Ngf, config, s)));
    }

    [Fact]
    public void Spectral_norm_is_refused_with_a_message_naming_the_key()
    {
        var refused = Assert.Throws<ConfigException>(() => ConfigValidator.Validate(new SharpGanConfig
        {
            Model = new ModelConfig { Architecture = "r3gan", SpectralNorm = true },
        }));
        Assert.Contains("model.spectral_norm", refused.Message);
    }

    [Fact]
    public void R3gans_own_recipe_rpgan_with_r1_and_r2_trains_with_finite_losses()
    {
        // The penalties differentiate D's gradient again: through grouped, depthwise and resampling convolutions here.
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1);
        config = config with
        {
            Model = config.Model with { Architecture = "r3gan" },
            Train = config.Train with { Loss = "rpgan" },
            Tricks = config.Tricks with { R1Gamma = 1, R2Gamma = 1 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var epoch = Assert.Single(Checkpoint.Read(trainer.CheckpointPath).State.History);
        Assert.True(double.IsFinite(epoch.LossD) && double.IsFinite(epoch.LossG));
    }

    [Fact]
    public void An_acgan_run_on_r3gan_networks_trains_with_finite_losses()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 2) with { Data = new DataConfig { Path = FlowerClasses.CopyTo(dir["classes"]), Labels = "folders" } };
        config = config with { Model = config.Model with { Architecture = "r3gan", Conditioning = "acgan" } };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var history = Checkpoint.Read(trainer.CheckpointPath).State.History;
        Assert.Equal(2, history.Count);
        Assert.All(history, e => Assert.True(double.IsFinite(e.LossD) && double.IsFinite(e.LossG)));
    }
}
