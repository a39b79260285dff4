using SharpGan.Compute;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Models;

/// <summary>What one skip connection joined: the encoder's features at a level, the decoder's upsampled features from
/// the level below, and their concatenation (shapes, B×C×H×W).</summary>
internal sealed record SkipJoin(int Level, long[] Skip, long[] Upsampled, long[] Joined);

/// <summary>
/// U-Net (Ronneberger, Fischer and Brox 2015), with padded convolutions so the output has the input's size. Encoder:
/// per level two 3×3 convolutions, each with a norm and ReLU, then a 2×2 max-pool; the bottleneck is one more such
/// pair. Decoder: a 2×2 stride-2 transposed convolution to the level's width, concatenated with that level's encoder
/// features (the skip), and two 3×3 convolutions. A 1×1 convolution gives <see cref="UNetConfig.OutChannels"/> logits,
/// with no activation: the loss or the caller chooses sigmoid, softmax or tanh.
/// <para>Max-pooling, as in the paper, rather than strided convolutions: it has no weights, keeps the strongest
/// response of each 2×2 cell, and the exact positions it discards come back through the skips anyway. The transposed
/// convolution (the paper's "up-convolution") learns its upsampling where bilinear + convolution would spend a
/// 3×3 convolution at the larger size.</para>
/// <para>Convolutions are <see cref="PolicyConv"/>s, so the net computes under the trainer's compute policy; they are
/// bias-free because the norm's shift follows each one (a <see cref="ChannelBias"/> takes its place under norm
/// <c>none</c> and after the 1×1 head).</para>
/// </summary>
internal sealed class UNet : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<Sequential> encoder;
    readonly Sequential bottleneck;
    readonly ModuleList<PolicyConv> upsample;
    readonly ModuleList<Sequential> decoder;
    readonly PolicyConv head;
    readonly ChannelBias headBias;

    public UNetConfig Config { get; }

    public UNet(UNetConfig config) : base(nameof(UNet))
    {
        config.Validate();
        Config = config;
        encoder = new ModuleList<Sequential>();
        upsample = new ModuleList<PolicyConv>();
        decoder = new ModuleList<Sequential>();
        for (int level = 0; level < config.Depth; level++)
        {
            encoder.append(ConvPair(level == 0 ? config.InChannels : config.Channels(level - 1), config.Channels(level)));
            upsample.append(Upsampling(config.Channels(level + 1), config.Channels(level)));
            var decode = ConvPair(2 * config.Channels(level), config.Channels(level));
            if (level >= config.Depth - config.DropoutLevels)
                decode.append("dropout", new GeneratorDropout(0.5, atSampling: true));
            decoder.append(decode);
        }
        bottleneck = ConvPair(config.Channels(config.Depth - 1), config.Channels(config.Depth));
        head = Convolution(config.Channels(0), config.OutChannels, kernel: 1);
        headBias = new ChannelBias(config.OutChannels);
        RegisterComponents();
    }

    /// <summary>Logits B×<see cref="UNetConfig.OutChannels"/>×H×W in fp32, for input B×<see cref="UNetConfig.InChannels"/>×H×W.</summary>
    /// <exception cref="ArgumentException">A side of the input is not a multiple of 2^depth.</exception>
    public override Tensor forward(Tensor input) => ComputePolicy.Fp32(Run(input, null));

    /// <summary>
    /// The skip connections as one forward pass of <paramref name="input"/> makes them, deepest level first: the
    /// wiring, checked on real tensors. Runs in eval mode (so no BatchNorm statistics move) and restores the mode.
    /// </summary>
    public IReadOnlyList<SkipJoin> Joins(Tensor input)
    {
        bool wasTraining = training;
        eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var joins = new List<SkipJoin>();
            Run(input, joins);
            return joins;
        }
        finally
        {
            train(wasTraining);
        }
    }

    Tensor Run(Tensor x, List<SkipJoin>? joins)
    {
        Config.CheckInput(x.shape[2], x.shape[3]);
        var skips = new Tensor[Config.Depth];
        for (int level = 0; level < Config.Depth; level++)
        {
            skips[level] = encoder[level].forward(x);
            x = F.max_pool2d(skips[level], 2);
        }
        x = bottleneck.forward(x);
        for (int level = Config.Depth - 1; level >= 0; level--)
        {
            var up = upsample[level].forward(x);
            var joined = cat([skips[level], up], 1);
            joins?.Add(new SkipJoin(level, skips[level].shape, up.shape, joined.shape));
            x = decoder[level].forward(joined);
        }
        return headBias.forward(head.forward(x));
    }

    /// <summary>3×3 convolution, norm, ReLU, twice.</summary>
    Sequential ConvPair(int inChannels, int outChannels)
    {
        var pair = nn.Sequential();
        for (int i = 0; i < 2; i++)
        {
            pair.append($"conv{i}", Convolution(i == 0 ? inChannels : outChannels, outChannels, kernel: 3));
            pair.append($"norm{i}", Norm(outChannels));
            pair.append($"relu{i}", nn.ReLU(inplace: true));
        }
        return pair;
    }

    nn.Module<Tensor, Tensor> Norm(int channels) => Config.Norm switch
    {
        "batch" => new SafeBatchNorm2d(channels),
        // Affine, unlike pix2pix's instance norm: the convolutions are bias-free, so the norm supplies the shift.
        "instance" => nn.InstanceNorm2d(channels, affine: true),
        _ => new ChannelBias(channels),
    };

    // He initialisation, N(0, 2 / fan-in): every convolution here reads ReLU outputs (or the image), and this keeps
    // the activations' scale level through the up to 4·depth + 3 layers, which matters most under norm none.
    // DCGAN's N(0, 0.02) is tuned for shallow adversarial nets and starves a deep ReLU stack without norms.
    static PolicyConv Convolution(int inChannels, int outChannels, int kernel)
    {
        var conv = PolicyConv.Conv2d(inChannels, outChannels, kernel, stride: 1, padding: kernel / 2);
        HeNormal(conv.Weight, fanIn: inChannels * kernel * kernel);
        return conv;
    }

    static PolicyConv Upsampling(int inChannels, int outChannels)
    {
        var conv = PolicyConv.ConvTranspose2d(inChannels, outChannels, kernel: 2, stride: 2, padding: 0);
        // Kernel 2, stride 2: the windows do not overlap, so each output pixel sums one tap per input channel.
        HeNormal(conv.Weight, fanIn: inChannels);
        return conv;
    }

    static void HeNormal(Tensor weight, int fanIn)
    {
        using var _ = no_grad();
        nn.init.normal_(weight, 0, Math.Sqrt(2.0 / fanIn));
    }
}
