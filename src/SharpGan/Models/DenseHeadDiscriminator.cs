using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// A discriminator whose convolutional body ends in a small feature map that is flattened into dense heads, as
/// the original projects' Keras discriminators do (Flatten → Dense(1)): one logit per image, and with a class head the K (ACGAN)
/// or K + 1 (semi-supervised) class logits from the same features.
/// </summary>
internal abstract class DenseHeadDiscriminator : DiscriminatorNetwork
{
    readonly Sequential body;
    readonly PolicyLinear head;
    readonly PolicyLinear? classHead;

    /// <summary>
    /// Blocks that halve the side down to 4 × 4 — a convolution (strided, or followed by 2×2 max-pooling), BatchNorm
    /// unless <c>model.d_norm</c> is none, LeakyReLU(0.2) — with the filters doubling per halving as in DCGAN; and how
    /// many values per image the last map holds.
    /// </summary>
    protected static (Sequential Layers, long Features) HalvingBody(ModelConfig config, int kernel, int stride, int padding, bool maxPool)
    {
        var body = nn.Sequential();
        long channels = 3;
        int side = config.ImageSize, i = 0;
        for (; side > 4; side /= 2, i++)
        {
            var suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            long outChannels = DcganLayout.Filters(config.Ndf, config.ImageSize, side / 2, config.MaxMultiplier);
            body.append($"conv{suffix}", PolicyConv.Conv2d(channels, outChannels, kernel, stride, padding));
            if (config.DNorm == "batch")
                body.append($"bn{suffix}", new SafeBatchNorm2d(outChannels));
            body.append($"lrelu{suffix}", nn.LeakyReLU(0.2, inplace: true));
            if (maxPool)
                body.append($"pool{suffix}", nn.MaxPool2d(2));
            channels = outChannels;
        }
        return (body, channels * side * side);
    }

    /// <param name="body">Images to the last hidden feature map, and how many values per image that map holds.</param>
    protected DenseHeadDiscriminator(string name, (Sequential Layers, long Features) body, int classOutputs) : base(name)
    {
        this.body = body.Layers;
        long features = body.Features;
        head = new PolicyLinear(features, 1);
        if (classOutputs > 0)
            classHead = new PolicyLinear(features, classOutputs);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    public override Tensor forward(Tensor images) => ComputePolicy.Fp32(head.forward(body.forward(images)).view(-1));

    public override Tensor Features(Tensor images) => ComputePolicy.Fp32(body.forward(images));

    public override (Tensor Logits, Tensor ClassLogits) ForwardWithClasses(Tensor images)
    {
        if (classHead is null) throw new InvalidOperationException("this discriminator has no class head (model.conditioning is none)");
        var features = body.forward(images);
        return (ComputePolicy.Fp32(head.forward(features).view(-1)), ComputePolicy.Fp32(classHead.forward(features)));
    }

    public override (Tensor Logits, Tensor Features) ForwardWithFeatures(Tensor images)
    {
        var features = body.forward(images);
        return (ComputePolicy.Fp32(head.forward(features).view(-1)), ComputePolicy.Fp32(features));
    }
}
