using System.Globalization;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Reporting;

/// <summary>
/// A run's networks as they are, read off the networks themselves rather than a formula: G and D are built from the
/// run's config as training built them, and G runs once on the first of its fixed inputs. Layers are the modules
/// holding a weight of two or more dimensions (every convolution and dense layer, heads included); G's first map is
/// the first feature map it computes with a side above 1 (a dense generator's reshape, a DCGAN's projection, a
/// U-Net's first encoder map). So the figures are right for every architecture and GAN kind.
/// </summary>
public sealed record NetworkShape(int GeneratorLayers, int DiscriminatorLayers, string FirstMap)
{
    public static NetworkShape Of(Checkpoint checkpoint)
    {
        using var scope = NewDisposeScope();
        using var recipe = GanKinds.CreateRecipe(checkpoint.Config);
        var input = checkpoint.FixedNoise().narrow(0, 0, 1);
        return new NetworkShape(WeightLayers(recipe.Generator), WeightLayers(recipe.Discriminator), FirstMapOf(recipe, input));
    }

    static int WeightLayers(nn.Module network) =>
        network.modules().Count(m => m.named_parameters(recurse: false).Any(p => p.parameter.dim() >= 2));

    /// <summary>Every leaf module's input and output in call order; the first 4-D one with a side above 1 that is not G's own input.</summary>
    static string FirstMapOf(IGanRecipe recipe, Tensor input)
    {
        var seen = new List<long[]>();
        var hooks = new List<Action>();
        foreach (var leaf in recipe.Generator.modules().Where(m => !m.children().Any()).OfType<nn.Module<Tensor, Tensor>>())
        {
            hooks.Add(leaf.register_forward_pre_hook((_, x) => { seen.Add(x.shape); return x; }).remove);
            hooks.Add(leaf.register_forward_hook((_, _, y) => { seen.Add(y.shape); return y; }).remove);
        }
        try
        {
            recipe.Generator.eval();
            using (no_grad()) recipe.Generate(input);
        }
        finally
        {
            foreach (var remove in hooks) remove();
        }
        var map = seen.FirstOrDefault(s => s.Length == 4 && s[2] > 1 && !s.SequenceEqual(input.shape));
        return map is null ? "?" : string.Create(CultureInfo.InvariantCulture, $"{map[1]}×{map[2]}×{map[3]}");
    }
}
