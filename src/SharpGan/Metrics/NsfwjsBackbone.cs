using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// One of nsfwjs 4.4.0's imported Keras models as a metrics backbone: features are its average-pooled trunk (the
/// input of its dense head: 1280-d for MobileNetV2, 2048-d for Inception-v3), probabilities its 5 classes. The trunks
/// were trained on ImageNet and then fine-tuned by nsfwjs for its own 5-class task, so neither the features nor the
/// classes are ImageNet's, and a Fréchet distance under them is not FID.
/// </summary>
public sealed class NsfwjsBackbone : IFeatureBackbone
{
    /// <summary>nsfwjs's class names, in its output order.</summary>
    public static readonly string[] NsfwjsClasses = ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"];

    /// <summary>The backbones by name, and the model each is read from.</summary>
    public static readonly IReadOnlyDictionary<string, (string Model, string PoolLayer)> Known = new Dictionary<string, (string, string)>
    {
        ["nsfwjs-mobilenet-v2/pool"] = ("nsfwjs-mobilenet-v2", "average_pooling2d_1"),
        ["nsfwjs-inception-v3/pool"] = ("nsfwjs-inception-v3", "average_pooling2d_10"),
    };

    readonly KerasNetwork network;
    readonly string poolLayer, outputLayer;

    public string Name { get; }
    public int InputSize => network.InputSize;
    // FeatureExtractor resizes for every backbone alike; nsfwjs's own preprocessing uses align_corners true.
    public string ResizeFilter => "bilinear (torch interpolate, align_corners false, no antialias; nsfwjs itself uses align_corners true)";
    public IReadOnlyList<string> Classes => NsfwjsClasses;

    NsfwjsBackbone(string name, KerasNetwork network, string poolLayer)
    {
        Name = name;
        this.network = network;
        this.poolLayer = poolLayer;
        outputLayer = network.LayerNames[^1];
    }

    /// <summary>The backbone called <paramref name="name"/> (a key of <see cref="Known"/>), from the pretrained cache.</summary>
    /// <exception cref="InvalidOperationException">The model has not been fetched; the message names the fetch command.</exception>
    public static NsfwjsBackbone Open(string name)
    {
        var (model, pool) = Known[name];
        return new NsfwjsBackbone(name, KerasNetwork.Load(PretrainedCache.Require(model), model), pool);
    }

    /// <summary>Images in [-1, 1] at <see cref="InputSize"/>: nsfwjs feeds pixels / 255, so they are mapped to [0, 1].</summary>
    public (Tensor Features, Tensor? Probabilities) Forward(Tensor images)
    {
        var input = images.to_type(ScalarType.Float32).add(1).div(2);
        var outputs = network.Activations(input, [poolLayer, outputLayer]);
        return (outputs[poolLayer].flatten(1), outputs[outputLayer]);
    }

    public void Dispose() => network.Dispose();
}
