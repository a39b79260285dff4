using System.Text.Json.Nodes;
using Xunit.Abstractions;
using SharpGan.Data;
using SharpGan.Pretrained;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Tests.Pretrained;

/// <summary>SharpGan's forward of the imported nsfwjs models against TensorFlow.js's own (tests/fixtures/tfjs-reference.json,
/// made by scripts/tfjs-reference.mjs): everything within 1e-3 of the fixture's largest absolute value.</summary>
public class KerasNetworkTests(ITestOutputHelper log) : IClassFixture<FetchedModels>
{
    static readonly JsonNode Reference = JsonNode.Parse(File.ReadAllText(Repo.Fixture("tfjs-reference.json")))!;

    [Theory]
    [InlineData("nsfwjs-mobilenet-v2")]
    [InlineData("nsfwjs-inception-v3")]
    public void Matches_tensorflow_js_on_every_fixture_input(string name)
    {
        var expected = Reference["models"]![name]!;
        using var net = KerasNetwork.Load(PretrainedCache.Require(name), name);
        int size = (int)expected["input_size"]!;
        Assert.Equal(size, net.InputSize);
        var pool = (string)expected["pool_layer"]!;
        foreach (var (input, values) in expected["inputs"]!.AsObject())
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var layers = values!["layers"]!.AsObject().Select(l => l.Key).ToList();
            var outputs = net.Activations(Input(input, size), [net.LayerNames[^1], pool, .. layers]);
            Close(Floats(values["probabilities"]!), outputs[net.LayerNames[^1]], $"{input} probabilities", scale: 1);
            Close(Floats(values["pool"]!), outputs[pool], $"{input} {pool}");
            foreach (var layer in layers)
            {
                var summary = values["layers"]![layer]!;
                var map = outputs[layer];
                Assert.Equal(((JsonArray)summary["shape"]!).Select(d => (long)d!), [map.shape[2], map.shape[3], map.shape[1]]);
                Close(Floats(summary["channel_means"]!), map.mean([0, 2, 3]), $"{input} {layer} channel means");
                foreach (var pixel in summary["pixels"]!.AsArray())
                    Close(Floats(pixel!["channels"]!), map[0, .., (long)pixel["y"]!, (long)pixel["x"]!], $"{input} {layer} at ({pixel["y"]}, {pixel["x"]})");
            }
        }
    }

    [Theory]
    [InlineData(224, 3, 2, 0, 1)]   // even side, stride 2: the extra pixel goes after
    [InlineData(225, 3, 2, 1, 1)]
    [InlineData(112, 3, 1, 1, 1)]
    [InlineData(35, 3, 1, 1, 1)]
    [InlineData(17, 7, 1, 3, 3)]
    [InlineData(8, 1, 1, 0, 0)]
    public void Tf_same_padding_splits_with_the_smaller_half_first(int input, int kernel, int stride, int before, int after) =>
        Assert.Equal((before, after), TfSamePadding.Of(input, kernel, stride));

    [Fact]
    public void Gradients_reach_the_input_and_not_the_weights()
    {
        using var net = KerasNetwork.Load(PretrainedCache.Require("nsfwjs-mobilenet-v2"), "m");
        using var scope = NewDisposeScope();
        var x = rand(1, 3, 224, 224).requires_grad_(true);
        net.Activations(x, ["block_3_expand_relu"])["block_3_expand_relu"].pow(2).mean().backward();
        Assert.True(x.grad is { } g && g.abs().sum().item<float>() > 0);
        Assert.Empty(net.parameters());
    }

    /// <summary>NCHW RGB in [0, 1] exactly as the fixture script builds it.</summary>
    static Tensor Input(string input, int size)
    {
        if (input == "pattern")
        {
            var y = arange(size, dtype: ScalarType.Float32).view(1, 1, size, 1);
            var x = arange(size, dtype: ScalarType.Float32).view(1, 1, 1, size);
            var c = arange(3, dtype: ScalarType.Float32).view(1, 3, 1, 1);
            return sin(c.add(1).mul(0.05).mul(y).add(x.mul(0.07)).add(c)).mul(0.5).add(0.5);
        }
        using var bitmap = ImageLoader.Decode(Path.Combine(Repo.Root, "data", "flowers", "google-rose.png"));
        var rgba = tensor(bitmap.GetPixelSpan().ToArray(), [bitmap.Height, bitmap.Width, 4]).to_type(ScalarType.Float32).div(255);
        var alpha = rgba[.., .., 3..];
        var picture = rgba[.., .., ..3].mul(alpha).add(alpha.neg().add(1)).permute(2, 0, 1).unsqueeze(0);
        return F.interpolate(picture, [size, size], mode: InterpolationMode.Bilinear, align_corners: true);
    }

    static float[] Floats(JsonNode node) => node.AsArray().Select(v => (float)v!).ToArray();

    void Close(float[] expected, Tensor actual, string what, double? scale = null)
    {
        var got = actual.flatten().to_type(ScalarType.Float32).data<float>().ToArray();
        Assert.Equal(expected.Length, got.Length);
        double tolerance = 1e-3 * (scale ?? Math.Max(expected.Max(Math.Abs), 1e-6));
        double worst = expected.Zip(got, (e, g) => Math.Abs(e - g)).Max();
        log.WriteLine($"{what}: largest difference {worst:G3} ({worst / tolerance * 1e-3:G3} of the scale)");
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:G3} > {tolerance:G3}");
    }
}
