using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// A small image classifier for one domain: stride-2 4×4 convolutions with BatchNorm and LeakyReLU(0.2) halving the
/// side down to 4×4 (32, 64, 128, 256, 256… filters), global average pooling to the feature vector, dropout, and a
/// linear layer to the classes. Its pooled features are what the metrics compare.
/// </summary>
internal sealed class DomainClassifier : nn.Module<Tensor, Tensor>
{
    readonly Sequential trunk;
    readonly Dropout dropout;
    readonly Linear head;

    public int InputSize { get; }
    public int FeatureDimension { get; }

    public DomainClassifier(int inputSize, int classes) : base(nameof(DomainClassifier))
    {
        Native.NnpackSwitch.EnsureOff();
        InputSize = inputSize;
        trunk = nn.Sequential();
        int side = inputSize, channels = 3, filters = 32, i = 0;
        while (side > 4)
        {
            trunk.append($"conv{i}", nn.Conv2d(channels, filters, 4, 2, 1, bias: false));
            trunk.append($"bn{i}", new Models.SafeBatchNorm2d(filters));
            trunk.append($"lrelu{i}", nn.LeakyReLU(0.2, inplace: true));
            channels = filters;
            filters = Math.Min(filters * 2, 256);
            side /= 2;
            i++;
        }
        FeatureDimension = channels;
        dropout = nn.Dropout(0.3);
        head = nn.Linear(channels, classes);
        RegisterComponents();
    }

    /// <summary>Pooled features, B × <see cref="FeatureDimension"/>.</summary>
    public Tensor Features(Tensor images) => trunk.forward(images).mean([2, 3]);

    /// <summary>Class logits.</summary>
    public override Tensor forward(Tensor images) => head.forward(dropout.forward(Features(images)));

    /// <summary>Features and logits in one pass.</summary>
    public (Tensor Features, Tensor Logits) ForwardBoth(Tensor images)
    {
        var features = Features(images);
        return (features, head.forward(dropout.forward(features)));
    }
}
