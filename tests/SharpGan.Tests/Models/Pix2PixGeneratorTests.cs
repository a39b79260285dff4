using SharpGan.Config;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class Pix2PixGeneratorTests
{
    [Theory]
    [InlineData(64, 6)]
    [InlineData(128, 7)]
    [InlineData(256, 8)]
    public void Goes_down_to_one_pixel_and_returns_a_picture_of_the_input_size(int size, int depth)
    {
        using var scope = NewDisposeScope();
        using var g = new Pix2PixGenerator(new ModelConfig { ImageSize = size, Ngf = 4, Conditioning = "pix2pix" });
        Assert.Equal(depth, g.Config.Depth);
        Assert.Equal(3, g.Config.DropoutLevels);
        var output = g.forward(rand(2, 3, size, size).mul(2).sub(1));
        Assert.Equal([2L, 3, size, size], output.shape);
        Assert.True(output.abs().max().item<float>() <= 1);   // tanh

        // Skips join mirror levels: level l's encoder output meets the upsampled level l + 1, at the same side.
        var joins = ((UNet)g.named_children().Single().module).Joins(zeros(1, 3, size, size));
        Assert.Equal(Enumerable.Range(0, depth).Reverse(), joins.Select(j => j.Level));
        foreach (var join in joins)
        {
            Assert.Equal(size >> join.Level, join.Skip[2]);
            Assert.Equal(join.Skip[2..], join.Upsampled[2..]);
            Assert.Equal(join.Skip[1] + join.Upsampled[1], join.Joined[1]);
        }
    }
}
