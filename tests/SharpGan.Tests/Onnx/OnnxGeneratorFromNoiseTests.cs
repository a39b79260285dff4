using SharpGan.Onnx;

namespace SharpGan.Tests.Onnx;

/// <summary><see cref="OnnxGenerator.FromNoise"/> on contract graphs: the caller's noise, codes and masks go in as
/// given, and inputs of the wrong size or kind are refused before the graph runs.</summary>
public class OnnxGeneratorFromNoiseTests : IDisposable
{
    readonly TempDir dir = new();

    OnnxGenerator Open(ContractGraph graph) => OnnxGenerator.Open(graph.WriteTo(dir[graph.Kind]), DropoutDraw.Mean);

    [Fact]
    public void A_seeds_own_noise_gives_the_seeds_picture()
    {
        var graph = ContractGraph.Acgan;
        using var generator = Open(graph);
        Assert.Equal((16, 3), (generator.NoiseLength, generator.CodeLength));
        var noise = new TorchCpuNoise(9).Normal(2 * generator.NoiseLength);
        float[] code = [0, 1, 0, 0, 0, 1];

        var images = generator.FromNoise(2, noise, code);

        var expected = graph.Reference(2, new Dictionary<string, float[]> { ["noise"] = noise, ["code"] = code });
        Assert.Equal(expected.Length, images.Values.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], images.Values[i], 1e-5f);
    }

    [Fact]
    public void Inputs_of_the_wrong_size_or_kind_are_refused()
    {
        using var acgan = Open(ContractGraph.Acgan);
        var noise = new float[2 * acgan.NoiseLength];
        Assert.Equal("0 code values: this generator takes 6 for 2 sample(s)", Assert.Throws<ArgumentException>(() => acgan.FromNoise(2, noise)).Message);
        Assert.Equal("16 noise values: this generator takes 32 for 2 sample(s)", Assert.Throws<ArgumentException>(() => acgan.FromNoise(2, noise[..16], new float[6])).Message);
        Assert.Equal("this generator takes no mask (model.conditioning acgan)", Assert.Throws<ArgumentException>(() => acgan.FromNoise(2, noise, new float[6], new float[2])).Message);
        using var pix2pix = Open(ContractGraph.Pix2Pix);
        Assert.Equal("this generator translates pictures (model.conditioning pix2pix): it takes no noise", Assert.Throws<ArgumentException>(() => pix2pix.FromNoise(1, [])).Message);
    }

    public void Dispose() => dir.Dispose();
}
