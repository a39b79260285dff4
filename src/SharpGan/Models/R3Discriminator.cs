using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// The r3gan discriminator, R3GAN's mirrored: a 1×1 convolution from RGB to the full-resolution width; per stage
/// <see cref="R3Layout.BlocksPerStage"/> <see cref="R3ResidualBlock"/>s then a transition (low-pass downsampling, 1×1
/// convolution to the next width), down to 4 × 4; there, after its blocks, R3GAN's head: a depthwise 4×4 convolution
/// to one value per channel and a dense layer to one logit (and with a class head, a second dense layer to the K
/// or K + 1 class logits). No normalisation, so <c>model.d_norm</c> does not apply, and none is needed for the
/// per-sample gradient penalties (R1/R2) R3GAN trains with.
/// </summary>
internal sealed class R3Discriminator : DiscriminatorNetwork
{
    readonly PolicyConv fromRgb, basis;
    readonly Sequential stages;
    readonly PolicyLinear head;
    readonly PolicyLinear? classHead;

    public R3Discriminator(ModelConfig config, int classOutputs = 0) : base(nameof(R3Discriminator))
    {
        var sides = R3Layout.Sides(config.ImageSize);
        int totalBlocks = R3Layout.TotalBlocks(config.ImageSize);
        long channels = R3Layout.Width(config.Ndf, config, config.ImageSize);
        fromRgb = MsrInit.Apply(PolicyConv.Conv2d(3, channels, 1, 1, 0));
        stages = nn.Sequential();
        foreach (var side in sides.Reverse())
        {
            var stage = nn.Sequential();
            for (int b = 0; b < R3Layout.BlocksPerStage; b++)
                stage.append($"block{b.ToString(CultureInfo.InvariantCulture)}", new R3ResidualBlock(channels, totalBlocks));
            if (side > 4)
            {
                // Downsampling first: the 1×1 convolution runs at the smaller side.
                stage.append("downsample", LowPassResample.Down());
                long width = R3Layout.Width(config.Ndf, config, side / 2);
                if (width != channels)
                    stage.append("transition", MsrInit.Apply(PolicyConv.Conv2d(channels, width, 1, 1, 0)));
                channels = width;
            }
            stages.append($"stage{side.ToString(CultureInfo.InvariantCulture)}", stage);
        }
        basis = MsrInit.Apply(PolicyConv.Conv2d(channels, channels, 4, 1, 0, groups: channels));
        head = MsrInit.Apply(new PolicyLinear(channels, 1));
        // ACGAN's auxiliary classifier (K logits) or the semi-supervised GAN's K + 1 on the same per-channel values;
        // R3GAN's own conditioning projects a class embedding instead, which SharpGan's recipes do not ask for.
        if (classOutputs > 0)
            classHead = MsrInit.Apply(new PolicyLinear(channels, classOutputs));
        RegisterComponents();
    }

    Tensor Body(Tensor images) => stages.forward(fromRgb.forward(images));

    /// <summary>One output per image, shape [B], fp32 whatever the compute policy.</summary>
    public override Tensor forward(Tensor images) => ComputePolicy.Fp32(head.forward(basis.forward(Body(images))).view(-1));

    /// <summary>The last hidden feature map (B × C × 4 × 4) in fp32, for feature matching and diagnostics.</summary>
    public override Tensor Features(Tensor images) => ComputePolicy.Fp32(Body(images));

    /// <summary>Real/fake outputs [B] and class logits [B, K] (or K + 1) in one pass, both fp32.</summary>
    public override (Tensor Logits, Tensor ClassLogits) ForwardWithClasses(Tensor images)
    {
        if (classHead is null) throw new InvalidOperationException("this discriminator has no class head (model.conditioning is none)");
        var perChannel = basis.forward(Body(images));
        return (ComputePolicy.Fp32(head.forward(perChannel).view(-1)), ComputePolicy.Fp32(classHead.forward(perChannel)));
    }

    /// <summary>Outputs and the features they came from, in one pass, both fp32.</summary>
    public override (Tensor Logits, Tensor Features) ForwardWithFeatures(Tensor images)
    {
        var features = Body(images);
        return (ComputePolicy.Fp32(head.forward(basis.forward(features)).view(-1)), ComputePolicy.Fp32(features));
    }
}
