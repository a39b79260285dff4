using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Style;

/// <summary>
/// An imported nsfwjs trunk (ImageNet-trained, then fine-tuned by nsfwjs) for style transfer. It takes [0, 1] RGB as
/// nsfwjs does and, being fully convolutional, any size. The default layers follow Gatys's choice on VGG — style from
/// the first layer of each resolution, content from a layer at 1/8 of the image side.
/// </summary>
public sealed class KerasTrunk(string name, KerasNetwork network, string contentLayer, IReadOnlyList<string> styleLayers) : IFeatureTrunk
{
    public string Name => name;
    public IReadOnlyList<string> LayerNames => network.LayerNames;
    public string DefaultContentLayer => contentLayer;
    public IReadOnlyList<(string Layer, double Weight)> DefaultStyleLayers { get; } = styleLayers.Select(l => (l, 1.0 / styleLayers.Count)).ToList();

    public IReadOnlyDictionary<string, Tensor> Features(Tensor images, IReadOnlyCollection<string> layers) => network.Activations(images, layers);

    /// <summary>MobileNetV2: style at 1/2, 1/2, 1/4, 1/8 and 1/16 of the side; content at 1/8.</summary>
    public static KerasTrunk MobileNetV2() => new("nsfwjs-mobilenet-v2",
        KerasNetwork.Load(PretrainedCache.Require("nsfwjs-mobilenet-v2"), "nsfwjs-mobilenet-v2"), "block_6_expand_relu",
        ["Conv1_relu", "block_1_expand_relu", "block_3_expand_relu", "block_6_expand_relu", "block_13_expand_relu"]);

    /// <summary>Inception-v3: style from the stem to the first 17 × 17 block; content at mixed2 (35 × 35 at 299).</summary>
    public static KerasTrunk InceptionV3() => new("nsfwjs-inception-v3",
        KerasNetwork.Load(PretrainedCache.Require("nsfwjs-inception-v3"), "nsfwjs-inception-v3"), "mixed2",
        ["activation_1", "activation_3", "activation_5", "mixed0", "mixed3"]);

    public void Dispose() => network.Dispose();
}
