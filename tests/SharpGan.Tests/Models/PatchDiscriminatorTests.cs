using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class PatchDiscriminatorTests
{
    [Fact]
    public void The_default_patch_is_70_pixels_and_gives_a_30_by_30_grid_at_256()
    {
        var config = new PatchDiscriminatorConfig();
        Assert.Equal(70, config.ReceptiveField());
        Assert.Equal(30, config.OutputSide(256));
        Assert.Equal(1, new PatchDiscriminatorConfig(Layers: 0).ReceptiveField());     // PixelGAN
        Assert.Equal(16, new PatchDiscriminatorConfig(Layers: 1).ReceptiveField());    // the paper's 16×16 patch
        Assert.Equal(34, new PatchDiscriminatorConfig(Layers: 2).ReceptiveField());
        Assert.Equal(286, new PatchDiscriminatorConfig(Layers: 5).ReceptiveField());   // ImageGAN at 256
        Assert.Equal(5, PatchDiscriminatorConfig.LayersForWholeImage(256));
    }

    [Theory]
    [InlineData(3, 64, "batch")]
    [InlineData(3, 128, "instance")]
    [InlineData(0, 64, "none")]
    [InlineData(2, 64, "batch")]
    public void The_output_grid_has_the_side_the_layer_list_says(int layers, int size, string norm)
    {
        var config = new PatchDiscriminatorConfig(Ndf: 8, Layers: layers, Norm: norm);
        using var d = new PatchDiscriminator(config);
        using var scope = NewDisposeScope();
        var output = d.forward(randn(2, 6, size, size));
        int side = config.OutputSide(size);
        Assert.Equal([2L, 1, side, side], output.shape);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        Assert.Contains("d-layers", Assert.Throws<ArgumentException>(() => new PatchDiscriminatorConfig(Layers: 9).Validate()).Message);
        Assert.Contains("norm", Assert.Throws<ArgumentException>(() => new PatchDiscriminatorConfig(Norm: "group").Validate()).Message);
    }
}
