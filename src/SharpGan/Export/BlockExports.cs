using SharpGan.Models;

namespace SharpGan.Export;

/// <summary>The residual blocks, written as their forward passes are.</summary>
internal static class BlockExports
{
    public static void Register()
    {
        OnnxModules.Register<GeneratorResidualBlock>((m, x, c) =>
        {
            var y = c.Graph.Relu(c.RunChild(m, "bn1", c.RunChild(m, "conv1", x)));
            return c.Graph.Add(x, c.RunChild(m, "bn2", c.RunChild(m, "conv2", y)));
        });
        OnnxModules.Register<R3ResidualBlock>((m, x, c) =>
        {
            var y = c.Graph.LeakyRelu(c.RunChild(m, "expandBias", c.RunChild(m, "expand", x)), R3ResidualBlock.Slope);
            y = c.Graph.LeakyRelu(c.RunChild(m, "groupedBias", c.RunChild(m, "grouped", y)), R3ResidualBlock.Slope);
            return c.Graph.Add(x, c.RunChild(m, "project", y));
        });
    }
}
