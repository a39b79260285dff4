using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// DCGAN discriminator: strided convolutions with LeakyReLU(0.2) and BatchNorm (none on the input layer; none at all
/// with <c>d_norm: none</c>), optionally spectrally normalised, ending in a 4×4 convolution to one output per image.
/// No sigmoid: the losses work on logits or critic scores.
/// </summary>
internal sealed class DcganDiscriminator : DiscriminatorNetwork
{
    readonly Sequential body;
    readonly nn.Module<Tensor, Tensor> head;
    readonly nn.Module<Tensor, Tensor>? classHead;

    public IReadOnlyList<ConvLayer> Layers { get; }

    public DcganDiscriminator(ModelConfig config, int classOutputs = 0) : base(nameof(DcganDiscriminator))
    {
        Layers = DcganLayout.Discriminator(config);
        body = nn.Sequential();
        for (int i = 0; i < Layers.Count - 1; i++)
        {
            var l = Layers[i];
            body.append($"conv{i}", Convolution(l, config.SpectralNorm));
            if (i > 0 && config.DNorm == "batch")
                body.append($"bn{i}", new SafeBatchNorm2d(l.OutChannels));
            body.append($"lrelu{i}", nn.LeakyReLU(0.2, inplace: true));
        }
        head = Convolution(Layers[^1], config.SpectralNorm);
        // A second 4×4 head on the same features: ACGAN's auxiliary classifier (one logit per class), or the
        // semi-supervised GAN's K + 1 logits (the classes, then "fake").
        if (classOutputs > 0)
            classHead = Convolution(Layers[^1] with { OutChannels = classOutputs }, config.SpectralNorm);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    internal static nn.Module<Tensor, Tensor> Convolution(ConvLayer l, bool spectral) => spectral
        ? new SpectralNormConv2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding, bias: false)
        : PolicyConv.Conv2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding);

    /// <summary>One output per image, shape [B], fp32 whatever the compute policy (losses are computed in fp32).</summary>
    public override Tensor forward(Tensor images) => ComputePolicy.Fp32(head.forward(body.forward(images)).view(-1));

    /// <summary>The last hidden feature map (B × C × 4 × 4) in fp32, for feature matching and diagnostics.</summary>
    public override Tensor Features(Tensor images) => ComputePolicy.Fp32(body.forward(images));

    /// <summary>Real/fake outputs [B] and class logits [B, K] in one pass, both fp32 (ACGAN only).</summary>
    public override (Tensor Logits, Tensor ClassLogits) ForwardWithClasses(Tensor images)
    {
        if (classHead is null) throw new InvalidOperationException("this discriminator has no class head (model.conditioning is none)");
        var features = body.forward(images);
        return (ComputePolicy.Fp32(head.forward(features).view(-1)), ComputePolicy.Fp32(classHead.forward(features).flatten(1)));
    }

    /// <summary>Outputs and the features they came from, in one pass, both fp32.</summary>
    public override (Tensor Logits, Tensor Features) ForwardWithFeatures(Tensor images)
    {
        var features = body.forward(images);
        return (ComputePolicy.Fp32(head.forward(features).view(-1)), ComputePolicy.Fp32(features));
    }
}
