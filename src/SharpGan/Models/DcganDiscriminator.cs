using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// DCGAN discriminator: strided convolutions with LeakyReLU(0.2) and BatchNorm (none on the input layer), ending
/// in a 4×4 convolution to one logit per image. No sigmoid: the losses work on logits.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly Sequential body;
    readonly Conv2d head;

    public IReadOnlyList<ConvLayer> Layers { get; }

    public DcganDiscriminator(ModelConfig config) : base(nameof(DcganDiscriminator))
    {
        Layers = DcganLayout.Discriminator(config);
        body = nn.Sequential();
        for (int i = 0; i < Layers.Count - 1; i++)
        {
            var l = Layers[i];
            body.append($"conv{i}", nn.Conv2d(l.InChannels, l.OutChannels, l.Kernel, l.Stride, l.Padding, bias: false));
            if (i > 0)
                body.append($"bn{i}", nn.BatchNorm2d(l.OutChannels));
            body.append($"lrelu{i}", nn.LeakyReLU(0.2, inplace: true));
        }
        var last = Layers[^1];
        head = nn.Conv2d(last.InChannels, last.OutChannels, last.Kernel, last.Stride, last.Padding, bias: false);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>One logit per image, shape [B].</summary>
    public override Tensor forward(Tensor images) => head.forward(body.forward(images)).view(-1);

    /// <summary>The last hidden feature map (B × C × 4 × 4), for feature matching and diagnostics.</summary>
    public Tensor Features(Tensor images) => body.forward(images);
}
