using SharpGan.Compute;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// He ("MSR") initialisation with a gain, as R3GAN initialises every layer: weights ~ N(0, gain / √fan-in). A gain
/// of 0 zeroes the weight (the last convolution of a fix-up residual branch).
/// </summary>
internal static class MsrInit
{
    /// <summary>Leaky ReLU(0.2)'s gain √(2 / (1 + 0.2²)): the variance-preserving scale for the layer feeding it.</summary>
    public static readonly double LeakyReluGain = Math.Sqrt(2 / (1 + 0.2 * 0.2));

    public static PolicyConv Apply(PolicyConv conv, double gain = 1)
    {
        Normal(conv.Weight, gain);
        return conv;
    }

    /// <summary>The weight only: a <see cref="PolicyLinear"/>'s bias starts at 0 already.</summary>
    public static PolicyLinear Apply(PolicyLinear dense, double gain = 1)
    {
        Normal(dense.Weight, gain);
        return dense;
    }

    static void Normal(Tensor weight, double gain)
    {
        // Fan-in: the input channels one output sees (in/groups for a grouped convolution) times the kernel's taps.
        long fanIn = weight.shape[1] * weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        using (no_grad())
            nn.init.normal_(weight, 0, gain / Math.Sqrt(fanIn));
    }
}
