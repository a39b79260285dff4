using SharpGan.Config;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class DcganShapeTests
{
    [Theory]
    [InlineData(32, "100x1x1", 4, 4)]
    [InlineData(64, "100x1x1", 5, 5)]
    [InlineData(128, "100x1x1", 6, 6)]
    [InlineData(256, "100x1x1", 7, 7)]
    [InlineData(32, "32x2x2", 4, 4)]
    [InlineData(64, "32x2x2", 5, 5)]
    [InlineData(128, "32x2x2", 6, 6)]
    [InlineData(256, "32x2x2", 7, 7)]
    public void Generator_and_discriminator_fit_every_size_and_latent(int size, string latent, int gLayers, int dLayers)
    {
        using var scope = NewDisposeScope();
        var config = new ModelConfig { ImageSize = size, Latent = latent, Ngf = 4, Ndf = 4 };
        using var g = new DcganGenerator(config);
        using var d = new DcganDiscriminator(config);
        Assert.Equal(gLayers, g.Layers.Count);
        Assert.Equal(dLayers, d.Layers.Count);

        var images = g.forward(g.Noise(2));
        Assert.Equal(new long[] { 2, 3, size, size }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);    // tanh
        Assert.Equal(new long[] { 2 }, d.forward(images).shape);
    }

    [Fact]
    public void Layout_matches_pytorch_examples_at_64()
    {
        var m = new ModelConfig { ImageSize = 64, Ngf = 64, Ndf = 64 };
        Assert.Equal([512, 256, 128, 64, 3], DcganLayout.Generator(m).Select(l => l.OutChannels));
        Assert.Equal([4, 8, 16, 32, 64], DcganLayout.Generator(m).Select(l => l.OutSize));
        Assert.Equal([64, 128, 256, 512, 1], DcganLayout.Discriminator(m).Select(l => l.OutChannels));
        Assert.Equal([32, 16, 8, 4, 1], DcganLayout.Discriminator(m).Select(l => l.OutSize));
    }

    [Fact]
    public void Flower_gan_latent_starts_at_two_by_two()
    {
        var g = DcganLayout.Generator(new ModelConfig { ImageSize = 64, Latent = "32x2x2", Ngf = 128 });
        Assert.Equal((32, 2, 4), (g[0].InChannels, g[0].InSize, g[0].OutSize));
        Assert.All(g, l => Assert.Equal((4, 2, 1), (l.Kernel, l.Stride, l.Padding)));
    }

    [Fact]
    public void Weights_start_from_normal_0_002_and_convolutions_have_no_bias()
    {
        using var g = new DcganGenerator(new ModelConfig { ImageSize = 64, Ngf = 64 });
        var conv = g.named_parameters().Where(p => p.name.Contains("conv")).ToList();
        Assert.DoesNotContain(conv, p => p.name.EndsWith("bias"));
        var all = cat(conv.Select(p => p.parameter.flatten()).ToList());
        Assert.InRange(all.mean().item<float>(), -0.001f, 0.001f);
        Assert.InRange(all.std().item<float>(), 0.019f, 0.021f);
        var bn = cat(g.named_parameters().Where(p => p.name.Contains("bn") && p.name.EndsWith("weight")).Select(p => p.parameter.flatten()).ToList());
        Assert.InRange(bn.mean().item<float>(), 0.99f, 1.01f);
    }
}
