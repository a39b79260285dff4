using SharpGan.Config;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;

namespace SharpGan.Tests.Recipes.Kinds;

public class GanKindsTests
{
    [Fact]
    public void An_unknown_kind_is_refused_naming_the_known_ones()
    {
        var e = Assert.Throws<ConfigException>(() => GanKinds.Check(new SharpGanConfig { Model = new ModelConfig { Conditioning = "cyclegan" } }));
        Assert.Contains("model.conditioning = 'cyclegan': allowed none, acgan, semi-supervised, mask, pix2pix", e.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("acgan")]
    [InlineData("semi-supervised")]
    [InlineData("mask")]
    [InlineData("pix2pix")]
    public void What_a_kind_says_it_samples_from_its_recipe_can_take(string name)
    {
        var kind = GanKinds.Find(name);
        var model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8, DLayers = 2, Conditioning = name, Classes = ["a", "b"] };
        using var recipe = kind.CreateRecipe(new SharpGanConfig { Model = model });
        Assert.Equal(kind.Sampling.HasFlag(KindSampling.Classes), recipe is IConditionalRecipe);
        Assert.Equal(kind.Sampling.HasFlag(KindSampling.Tags), recipe is ITagConditionedRecipe);
        Assert.Equal(kind.Sampling.HasFlag(KindSampling.Masks), recipe is IMaskConditionedRecipe);
    }
}
