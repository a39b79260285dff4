using System.Globalization;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Pretrained;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>
/// The projected discriminator (Sauer et al. 2021, Projected GAN): pictures go through a frozen ImageNet-trained
/// trunk, nsfwjs's MobileNetV2 (docs/pretrained.md), resized to <see cref="ModelConfig.TrunkSide"/>; four of its
/// feature maps are mixed by fixed <see cref="RandomProjections"/>, and a small discriminator per map — spectrally
/// normalised 4×4 stride-2 convolutions with BatchNorm and LeakyReLU(0.2) down to 8 × 8 (Projected GAN's DownBlock),
/// then a 4×4 convolution to a map of logits — judges it. Only those four heads train. A picture's output is the mean
/// of all its heads' logits, the mean Projected GAN's hinge loss takes over them, so every loss and trick that reads
/// one logit per picture works unchanged.
/// <para>Where it differs, for a CPU: the heads are <see cref="ModelConfig.Ndf"/> wide at every side (Projected
/// GAN's own <c>ndf</c> option; its default widths, 64 to 512, cost more than the rest of a 64 px step here), and
/// the trunk reads twice the image side up to 224 instead of 224 always (a MobileNetV2 pass at 224 costs 3× one at
/// 128).</para>
/// <para>The trunk is not a module of this network (<see cref="FrozenTrunk"/>): its weights come from the pretrained
/// cache at D's first forward, so they are in no checkpoint, no optimiser and no compute policy (it computes in fp32,
/// NCHW), and sampling a projected run needs no cache.</para>
/// </summary>
internal sealed class ProjectedDiscriminator : DiscriminatorNetwork
{
    /// <summary>The pretrained trunk, from <see cref="PretrainedCache"/>.</summary>
    public const string TrunkName = "nsfwjs-mobilenet-v2";
    /// <summary>The ends of MobileNetV2's stages at 1/4, 1/8, 1/16 and 1/32 of the input side (24, 32, 96 and 320 channels).</summary>
    static readonly string[] TrunkLayers = ["block_2_add", "block_5_add", "block_12_add", "block_16_project_BN"];
    static readonly long[] TrunkChannels = [24, 32, 96, 320];
    /// <summary>The heads end their strided convolutions at this side, as Projected GAN's do.</summary>
    const int HeadEndSide = 8;

    readonly FrozenTrunk trunk;
    readonly RandomProjections projections;
    readonly ModuleList<Sequential> heads;
    readonly int trunkSide;

    public ProjectedDiscriminator(ModelConfig config) : base(nameof(ProjectedDiscriminator))
    {
        trunkSide = config.TrunkSideOrDefault;
        trunk = new FrozenTrunk(TrunkName);
        projections = new RandomProjections(TrunkChannels);
        heads = new ModuleList<Sequential>();
        for (int i = 0; i < 4; i++)
        {
            long side = trunkSide / 2 >> i;   // the projections double the trunk's sides
            heads.Add(Head(RandomProjections.OutputChannels[i], side, config.Ndf));
        }
        RegisterComponents();
    }

    static Sequential Head(long channels, long side, long width)
    {
        var head = nn.Sequential();
        for (int b = 0; side > HeadEndSide; b++, side /= 2)
        {
            string n = b.ToString(CultureInfo.InvariantCulture);
            head.append($"conv{n}", new SpectralNormConv2d(channels, width, 4, 2, 1));
            head.append($"bn{n}", new SafeBatchNorm2d(width));
            head.append($"lrelu{n}", nn.LeakyReLU(0.2, inplace: true));
            channels = width;
        }
        // A 4×4 map of side 4 (a trunk side of 64) gives one logit; side 8 gives Projected GAN's 5 × 5.
        head.append("logits", new SpectralNormConv2d(channels, 1, 4, 1, 0));
        return head;
    }

    /// <summary>The mixed trunk maps of pictures in [-1, 1], fp32 NCHW, shallowest first.</summary>
    Tensor[] Mixed(Tensor images)
    {
        // nsfwjs's MobileNetV2 reads RGB in [0, 1]; its frozen weights are fp32 NCHW whatever D's policy.
        var x = ComputePolicy.Fp32(images).contiguous().add(1).div(2);
        if (x.shape[2] != trunkSide)
            x = F.interpolate(x, size: [trunkSide, trunkSide], mode: InterpolationMode.Bilinear, align_corners: false);
        var maps = trunk.Activations(x, TrunkLayers);
        return projections.Mix([.. TrunkLayers.Select(name => maps[name])]);
    }

    Tensor Logits(Tensor[] mixed) =>
        ComputePolicy.Fp32(cat([.. mixed.Select((map, i) => heads[i].forward(map).flatten(1))], 1)).mean([1]);

    /// <summary>One output per picture, shape [B]: the mean of the four heads' logits, fp32.</summary>
    public override Tensor forward(Tensor images) => Logits(Mixed(images));

    /// <summary>The deepest mixed map (B × 256 × S/16 × S/16 for a trunk side S), fp32, for feature matching.</summary>
    public override Tensor Features(Tensor images) => Mixed(images)[^1];

    public override (Tensor Logits, Tensor ClassLogits) ForwardWithClasses(Tensor images) =>
        throw new InvalidOperationException("the projected discriminator has no class head (model.conditioning is none)");

    /// <summary>Outputs and the deepest mixed map, in one pass, both fp32.</summary>
    public override (Tensor Logits, Tensor Features) ForwardWithFeatures(Tensor images)
    {
        var mixed = Mixed(images);
        return (Logits(mixed), mixed[^1]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) trunk.Dispose();
        base.Dispose(disposing);
    }
}
