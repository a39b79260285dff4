using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// A network whose features (and, for a classifier, class probabilities) the metrics compare. Every report names
/// it, its input resolution and the resize filter, because a Fréchet distance means something only with those.
/// </summary>
public interface IFeatureBackbone : IDisposable
{
    /// <summary>What the features are, exactly (e.g. <c>domain:emoji-google/penultimate-256</c>).</summary>
    string Name { get; }
    int InputSize { get; }
    /// <summary>How images of another size are brought to <see cref="InputSize"/>.</summary>
    string ResizeFilter { get; }
    /// <summary>Class names when the backbone is a classifier (Inception Score, per-class accuracy); empty otherwise.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Features (B × D, fp32) and probabilities (B × K, or null) of images in [-1, 1] at <see cref="InputSize"/>.</summary>
    (Tensor Features, Tensor? Probabilities) Forward(Tensor images);
}
