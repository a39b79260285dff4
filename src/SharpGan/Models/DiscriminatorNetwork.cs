using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// What a recipe needs of a discriminator, whatever its architecture. <c>forward</c> gives one logit (or critic
/// score) per image, shape [B]; every output is fp32 whatever the compute policy.
/// </summary>
public abstract class DiscriminatorNetwork(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>The last hidden feature map, for feature matching and diagnostics.</summary>
    public abstract Tensor Features(Tensor images);

    /// <summary>Real/fake outputs [B] and class logits [B, K] (ACGAN) or [B, K + 1] (semi-supervised) in one pass.</summary>
    public abstract (Tensor Logits, Tensor ClassLogits) ForwardWithClasses(Tensor images);

    /// <summary>Outputs and the features they came from, in one pass.</summary>
    public abstract (Tensor Logits, Tensor Features) ForwardWithFeatures(Tensor images);
}
