using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Compute;

/// <summary>Under bf16 the normalisations, activations and resamplers between the convolutions compute in bf16 (only
/// a network's first layer takes fp32, its images or noise), while BatchNorm's statistics and affine parameters stay
/// fp32: nothing casts an activation back up inside G or D.</summary>
public class Bf16LayersTests
{
    static readonly ComputePolicy Bf16 = new(ChannelsLast: false, Bf16: true);

    [Theory]
    [InlineData("dcgan", "SafeBatchNorm2d", "LeakyReLU", "ReLU", "Tanh")]
    [InlineData("r3gan", "LowPassResample")]
    public void Every_layer_inside_g_and_d_hands_on_bf16(string architecture, params string[] layerTypes)
    {
        using var dir = new TempDir();
        var config = ComputePolicyTests.Config(dir.Path);
        config = config with { Model = config.Model with { Architecture = architecture, DNorm = architecture == "r3gan" ? "none" : config.Model.DNorm } };
        var (recipe, batch) = ComputePolicyTests.Recipe(config, Bf16);
        using var _ = recipe;
        var seen = new List<(string Name, string Type, ScalarType In, ScalarType Out)>();
        var hooks = new List<Action>();
        foreach (var network in new nn.Module[] { recipe.Generator, recipe.Discriminator })
            foreach (var (name, leaf) in network.named_modules().Where(m => !m.module.children().Any()))
                if (leaf is nn.Module<Tensor, Tensor> layer)
                    hooks.Add(layer.register_forward_hook((_, x, y) => { seen.Add((name, leaf.GetType().Name, x.dtype, y.dtype)); return y; }).remove);
        recipe.DiscriminatorPhase(batch);
        foreach (var remove in hooks) remove();

        Assert.All(layerTypes, type => Assert.Contains(seen, s => s.Type == type));
        Assert.All(seen, s => Assert.True(s.Out == ScalarType.BFloat16, $"{s.Name} ({s.Type}) gave {s.Out}"));
        // Only a first convolution reads fp32: the batch of images, or G's noise.
        Assert.All(seen.Where(s => s.In != ScalarType.BFloat16), s => Assert.Equal("PolicyConv", s.Type));
        var norms = recipe.Discriminator.modules().Concat(recipe.Generator.modules()).OfType<SharpGan.Models.SafeBatchNorm2d>().ToList();
        Assert.Equal(architecture == "dcgan", norms.Count > 0);
        Assert.All(norms, norm =>
        {
            Assert.Equal(ScalarType.Float32, norm.RunningMean.dtype);
            Assert.Equal(ScalarType.Float32, norm.RunningVar.dtype);
            Assert.Equal(ScalarType.Float32, norm.Weight.dtype);
        });
    }
}
