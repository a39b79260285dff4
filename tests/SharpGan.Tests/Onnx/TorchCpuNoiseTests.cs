using SharpGan.Onnx;
using static TorchSharp.torch;

namespace SharpGan.Tests.Onnx;

/// <summary>The portable noise against TorchSharp's own generator: the same seed, the same numbers.</summary>
public class TorchCpuNoiseTests
{
    const float Tolerance = 1e-5f;

    // 16 and 6400: whole blocks; 100 and 37: the last block redrawn; 5: the scalar path (its cached second value too).
    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 100)]
    [InlineData(42, 6400)]
    [InlineData(7, 37)]
    [InlineData(123456789, 5)]
    [InlineData(-3, 100)]
    public void One_draw_is_torch_randn(long seed, int count)
    {
        using var generator = new Generator((ulong)seed);
        using var expected = randn([count], generator: generator);

        var actual = new TorchCpuNoise(seed).Normal(count);

        Assert.True(MaxDifference(expected, actual) <= Tolerance, $"max |Δ| {MaxDifference(expected, actual)}");
    }

    [Fact]
    public void Consecutive_draws_consume_one_stream_as_torch_does()
    {
        // Batch shapes as the samplers draw them (B×C×h×w), with scalar-path draws between that leave a value cached.
        long[][] shapes = [[3, 100, 1, 1], [5], [2, 8, 2, 2], [3], [1, 37], [7], [256, 4, 2, 2]];
        using var generator = new Generator(2024);
        var noise = new TorchCpuNoise(2024);
        foreach (var shape in shapes)
        {
            using var expected = randn(shape, generator: generator);
            var actual = noise.Normal(expected.numel());
            Assert.True(MaxDifference(expected, actual) <= Tolerance, $"shape [{string.Join(", ", shape)}]: max |Δ| {MaxDifference(expected, actual)}");
        }
    }

    [Fact]
    public void Uniforms_are_torch_rand_in_the_same_stream()
    {
        using var generator = new Generator(9);
        var noise = new TorchCpuNoise(9);
        using var normal = randn([40], generator: generator);
        using var uniform = rand([50], generator: generator);

        Assert.True(MaxDifference(normal, noise.Normal(40)) <= Tolerance);
        Assert.Equal(uniform.data<float>().ToArray(), noise.Uniform(50));   // exact: 24-bit lattice values
    }

    static float MaxDifference(Tensor expected, float[] actual)
    {
        var values = expected.contiguous().data<float>().ToArray();
        Assert.Equal(values.Length, actual.Length);
        return values.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
    }
}
