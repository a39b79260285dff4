using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class UNetTests
{
    [Theory]
    [InlineData(32, 3)]
    [InlineData(32, 5)]
    [InlineData(64, 4)]
    [InlineData(64, 5)]
    [InlineData(128, 3)]
    [InlineData(128, 5)]
    public void Logits_have_the_input_size_and_the_output_channels(int side, int depth)
    {
        using var scope = NewDisposeScope();
        using var net = new UNet(new UNetConfig(InChannels: 3, OutChannels: 2, depth, BaseFilters: 4));
        var logits = net.forward(randn(2, 3, side, side));
        Assert.Equal(new long[] { 2, 2, side, side }, logits.shape);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("instance")]
    [InlineData("none")]
    public void Every_norm_trains_a_step(string norm)
    {
        using var scope = NewDisposeScope();
        using var net = new UNet(new UNetConfig(3, 1, Depth: 2, BaseFilters: 4, norm));
        var loss = net.forward(randn(2, 3, 16, 16)).square().mean();
        loss.backward();
        Assert.All(net.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void A_side_that_is_not_a_multiple_of_two_to_the_depth_is_refused_with_the_rule()
    {
        using var scope = NewDisposeScope();
        using var net = new UNet(new UNetConfig(3, 1, Depth: 4, BaseFilters: 4));
        var e = Assert.Throws<ArgumentException>(() => net.forward(randn(1, 3, 40, 64)));
        Assert.Contains("40×64", e.Message);
        Assert.Contains("2^depth = 16", e.Message);
    }

    [Fact]
    public void Each_skip_joins_the_mirror_encoder_level_to_the_upsampled_features_from_below()
    {
        using var scope = NewDisposeScope();
        var config = new UNetConfig(3, 1, Depth: 4, BaseFilters: 4, MaxMultiplier: 4);
        using var net = new UNet(config);
        var joins = net.Joins(randn(1, 3, 64, 64));

        Assert.Equal([3, 2, 1, 0], joins.Select(j => j.Level));   // deepest first, as the decoder climbs
        foreach (var join in joins)
        {
            long side = 64 >> join.Level;
            Assert.Equal(new long[] { 1, config.Channels(join.Level), side, side }, join.Skip);
            Assert.Equal(new long[] { 1, config.Channels(join.Level), side, side }, join.Upsampled);
            Assert.Equal(join.Upsampled[1] + join.Skip[1], join.Joined[1]);
            Assert.Equal(new long[] { side, side }, join.Joined[2..]);
        }
        // Widths 4, 8, 16, 16 and a 16-channel bottleneck: the multiplier stops at 4.
        Assert.Equal([4, 8, 16, 16, 16], Enumerable.Range(0, 5).Select(config.Channels));
    }

    [Fact]
    public void Joins_leaves_batch_norm_statistics_and_the_mode_as_they_were()
    {
        using var scope = NewDisposeScope();
        using var net = new UNet(new UNetConfig(3, 1, Depth: 2, BaseFilters: 4));
        net.train();
        var before = net.state_dict().ToDictionary(s => s.Key, s => s.Value.clone());
        net.Joins(randn(2, 3, 16, 16).add(5));
        Assert.True(net.training);
        Assert.All(net.state_dict(), s => Assert.True(s.Value.equal(before[s.Key]).all().item<bool>(), s.Key));
    }

    [Theory]
    [InlineData(0, 4, "batch", "depth 0")]
    [InlineData(3, 0, "batch", "base filters 0")]
    [InlineData(3, 4, "group", "norm 'group': allowed batch, instance, none")]
    public void A_bad_config_names_the_setting(int depth, int filters, string norm, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new UNet(new UNetConfig(3, 1, depth, filters, norm)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Decoder_dropout_stays_on_when_sampling_as_pix2pix_noise()
    {
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 32, 32);
        using var noisy = new UNet(new UNetConfig(3, 3, Depth: 3, BaseFilters: 4, DropoutLevels: 2));
        noisy.eval();
        Assert.False(noisy.forward(input).equal(noisy.forward(input)).all().item<bool>());
        using var plain = new UNet(new UNetConfig(3, 3, Depth: 3, BaseFilters: 4));
        plain.eval();
        Assert.True(plain.forward(input).equal(plain.forward(input)).all().item<bool>());
        Assert.Throws<ArgumentException>(() => new UNetConfig(3, 3, Depth: 3, BaseFilters: 4, DropoutLevels: 4).Validate());
    }
}
