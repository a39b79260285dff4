using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Onnx;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Onnx;

/// <summary>
/// The inputs <see cref="OnnxGenerator"/> feeds are those SharpGan's own recipes make for checkpoint sampling from the
/// same seed, batch by batch (<see cref="NoiseBatches"/>): the recipes' noise tensors, split into the graph's inputs, go
/// through the contract graph's function and must give what ONNX Runtime gave.
/// </summary>
public class RecipeNoiseTests : IDisposable
{
    const float Tolerance = 1e-5f;
    static readonly ModelConfig Model = new() { Architecture = "dcgan", ImageSize = 32, Latent = "4x2x2", Ngf = 4, Ndf = 4 };
    readonly TempDir dir = new();

    [Fact]
    public void Acgan_batches_and_class_grids_take_the_recipes_noise_and_codes()
    {
        using var scope = NewDisposeScope();
        var model = Model with { Conditioning = "acgan", Classes = ["a", "b", "c"] };
        using var recipe = GanKinds.CreateRecipe(new SharpGanConfig { Model = model });
        var graph = new ContractGraph { Kind = "acgan", ImageSize = 32, Classes = model.Classes };
        using var generator = OnnxGenerator.Open(graph.WriteTo(dir["acgan"]));

        var onnx = generator.Batches(21, seed: 6, batch: 16).ToList();
        var batches = NoiseBatches.Of((n, random) => recipe.Noise(n, random), 21, 6, 16).Select(make => Split(make(), 4, 3)).ToList();

        Assert.Equal(batches.Count, onnx.Count);
        foreach (var (inputs, images) in batches.Zip(onnx))
            AssertClose(graph.Reference(images.Count, inputs), images.Values);

        var conditional = (IConditionalRecipe)recipe;
        using var random = new Generator(9);
        var grid = Split(conditional.NoiseFor(arange(3).repeat_interleave(2), random), 4, 3);
        var expected = graph.Reference(6, grid);
        var expectedGrid = tensor(expected, [6, 3, 32, 32]);
        var actual = generator.ClassGrid(2, seed: 9);
        Assert.True(ImageTensors.ToGrid(expectedGrid, 2).Pixels.Zip(actual.Pixels, (a, b) => Math.Abs(a - b)).Max() <= 1);
    }

    [Fact]
    public void Mask_batches_take_the_recipes_noise_beside_the_masks()
    {
        using var scope = NewDisposeScope();
        using var recipe = (IMaskConditionedRecipe)GanKinds.CreateRecipe(new SharpGanConfig { Model = Model with { Conditioning = "mask" } });
        var graph = new ContractGraph { Kind = "mask", ImageSize = 32, Mask = true };
        using var generator = OnnxGenerator.Open(graph.WriteTo(dir["mask"]));
        var masks = Enumerable.Range(0, 5 * 1024).Select(i => (float)(i / 32 % 2)).ToArray();
        var maskTensor = tensor(masks, [5, 1, 32, 32]);

        var onnx = generator.Batches(masks, seed: 2, batch: 3).ToList();
        int start = 0;
        var batches = NoiseBatches.Of((n, random) =>
        {
            var packed = recipe.NoiseFor(maskTensor.narrow(0, start, n), random);
            start += (int)n;
            return packed;
        }, 5, 2, 3).Select(make => make()).ToList();

        Assert.Equal(batches.Count, onnx.Count);
        foreach (var (packed, images) in batches.Zip(onnx))
        {
            int n = (int)packed.shape[0];
            var inputs = new Dictionary<string, float[]>
            {
                ["noise"] = Floats(packed.narrow(1, 0, 16)),
                ["mask"] = Floats(packed.narrow(1, 16, 1024)),
            };
            AssertClose(graph.Reference(n, inputs), images.Values);
        }
    }

    /// <summary>An ACGAN recipe's input (B × (C + K) × h × w, the code broadcast over space) as the graph's noise and code.</summary>
    static Dictionary<string, float[]> Split(Tensor packed, int channels, int classes) => new()
    {
        ["noise"] = Floats(packed.narrow(1, 0, channels)),
        ["code"] = Floats(packed.narrow(1, channels, classes).select(3, 0).select(2, 0)),
    };

    static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();

    static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= Tolerance, $"max |Δ| {max}");
    }

    public void Dispose() => dir.Dispose();
}
