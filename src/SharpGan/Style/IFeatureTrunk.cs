using static TorchSharp.torch;

namespace SharpGan.Style;

/// <summary>
/// A pretrained network whose layers style transfer reads: images N × 3 × H × W, RGB in [0, 1] (each trunk brings
/// them to what it was trained on), to feature maps by layer name. Weights are frozen; gradients reach the image.
/// </summary>
public interface IFeatureTrunk : IDisposable
{
    /// <summary>What it is, for reports (e.g. <c>nsfwjs-mobilenet-v2</c>, <c>vgg19 (average pooling)</c>).</summary>
    string Name { get; }
    IReadOnlyList<string> LayerNames { get; }
    /// <summary>The layer whose responses carry the content, by default.</summary>
    string DefaultContentLayer { get; }
    /// <summary>The layers whose Gram matrices carry the style, by default, each with its weight w_l.</summary>
    IReadOnlyList<(string Layer, double Weight)> DefaultStyleLayers { get; }

    IReadOnlyDictionary<string, Tensor> Features(Tensor images, IReadOnlyCollection<string> layers);
}
