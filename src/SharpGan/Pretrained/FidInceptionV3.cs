using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Pretrained;

// The Inception-v3 of TensorFlow's FID code (inception-2015-12-05) as pytorch-fid lays it out: torchvision's
// Inception3 with its A, C and E blocks patched (average pooling without the padded zeros, max pooling in the last
// E block). Module and field names are the keys of pytorch-fid's pt_inception-2015-12-05 state dict, so that file,
// saved as safetensors, loads as is. Only the trunk up to pool3 (2048-d) is built; the file's fc.* is ignored.

/// <summary>Convolution without bias, BatchNorm (ε 0.001), ReLU: torchvision's BasicConv2d.</summary>
sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv;
    readonly BatchNorm2d bn;

    public BasicConv2d(long inChannels, long outChannels, (long, long) kernel, (long, long)? stride = null, (long, long)? padding = null)
        : base(nameof(BasicConv2d))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride ?? (1, 1), padding ?? (0, 0), bias: false);
        bn = nn.BatchNorm2d(outChannels, eps: 0.001);
        RegisterComponents();
    }

    public BasicConv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0)
        : this(inChannels, outChannels, (kernel, kernel), (stride, stride), (padding, padding)) { }

    public override Tensor forward(Tensor x) => F.relu(bn.forward(conv.forward(x)));
}

static class Pool
{
    /// <summary>TensorFlow's 3×3 average pool: the padded zeros do not count in the mean.</summary>
    public static Tensor Average3x3(Tensor x) => F.avg_pool2d(x, [3, 3], [1, 1], [1, 1], count_include_pad: false);
    public static Tensor Max3x3Stride2(Tensor x) => F.max_pool2d(x, [3, 3], [2, 2]);
}

sealed class InceptionA : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch1x1, branch5x5_1, branch5x5_2, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3, branch_pool;

    public InceptionA(long inChannels, long poolFeatures) : base(nameof(InceptionA))
    {
        branch1x1 = new(inChannels, 64, 1);
        branch5x5_1 = new(inChannels, 48, 1);
        branch5x5_2 = new(48, 64, 5, padding: 2);
        branch3x3dbl_1 = new(inChannels, 64, 1);
        branch3x3dbl_2 = new(64, 96, 3, padding: 1);
        branch3x3dbl_3 = new(96, 96, 3, padding: 1);
        branch_pool = new(inChannels, poolFeatures, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => cat([
        branch1x1.forward(x),
        branch5x5_2.forward(branch5x5_1.forward(x)),
        branch3x3dbl_3.forward(branch3x3dbl_2.forward(branch3x3dbl_1.forward(x))),
        branch_pool.forward(Pool.Average3x3(x)),
    ], 1);
}

sealed class InceptionB : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch3x3, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3;

    public InceptionB(long inChannels) : base(nameof(InceptionB))
    {
        branch3x3 = new(inChannels, 384, 3, stride: 2);
        branch3x3dbl_1 = new(inChannels, 64, 1);
        branch3x3dbl_2 = new(64, 96, 3, padding: 1);
        branch3x3dbl_3 = new(96, 96, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => cat([
        branch3x3.forward(x),
        branch3x3dbl_3.forward(branch3x3dbl_2.forward(branch3x3dbl_1.forward(x))),
        Pool.Max3x3Stride2(x),
    ], 1);
}

sealed class InceptionC : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch1x1, branch7x7_1, branch7x7_2, branch7x7_3,
        branch7x7dbl_1, branch7x7dbl_2, branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5, branch_pool;

    public InceptionC(long inChannels, long c7) : base(nameof(InceptionC))
    {
        branch1x1 = new(inChannels, 192, 1);
        branch7x7_1 = new(inChannels, c7, 1);
        branch7x7_2 = new(c7, c7, (1, 7), padding: (0, 3));
        branch7x7_3 = new(c7, 192, (7, 1), padding: (3, 0));
        branch7x7dbl_1 = new(inChannels, c7, 1);
        branch7x7dbl_2 = new(c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_3 = new(c7, c7, (1, 7), padding: (0, 3));
        branch7x7dbl_4 = new(c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_5 = new(c7, 192, (1, 7), padding: (0, 3));
        branch_pool = new(inChannels, 192, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => cat([
        branch1x1.forward(x),
        branch7x7_3.forward(branch7x7_2.forward(branch7x7_1.forward(x))),
        branch7x7dbl_5.forward(branch7x7dbl_4.forward(branch7x7dbl_3.forward(branch7x7dbl_2.forward(branch7x7dbl_1.forward(x))))),
        branch_pool.forward(Pool.Average3x3(x)),
    ], 1);
}

sealed class InceptionD : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch3x3_1, branch3x3_2, branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4;

    public InceptionD(long inChannels) : base(nameof(InceptionD))
    {
        branch3x3_1 = new(inChannels, 192, 1);
        branch3x3_2 = new(192, 320, 3, stride: 2);
        branch7x7x3_1 = new(inChannels, 192, 1);
        branch7x7x3_2 = new(192, 192, (1, 7), padding: (0, 3));
        branch7x7x3_3 = new(192, 192, (7, 1), padding: (3, 0));
        branch7x7x3_4 = new(192, 192, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => cat([
        branch3x3_2.forward(branch3x3_1.forward(x)),
        branch7x7x3_4.forward(branch7x7x3_3.forward(branch7x7x3_2.forward(branch7x7x3_1.forward(x)))),
        Pool.Max3x3Stride2(x),
    ], 1);
}

sealed class InceptionE : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch1x1, branch3x3_1, branch3x3_2a, branch3x3_2b,
        branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3a, branch3x3dbl_3b, branch_pool;
    readonly bool maxPool;

    /// <param name="maxPool">The FID network's last block pools by max where the paper averages.</param>
    public InceptionE(long inChannels, bool maxPool) : base(nameof(InceptionE))
    {
        this.maxPool = maxPool;
        branch1x1 = new(inChannels, 320, 1);
        branch3x3_1 = new(inChannels, 384, 1);
        branch3x3_2a = new(384, 384, (1, 3), padding: (0, 1));
        branch3x3_2b = new(384, 384, (3, 1), padding: (1, 0));
        branch3x3dbl_1 = new(inChannels, 448, 1);
        branch3x3dbl_2 = new(448, 384, 3, padding: 1);
        branch3x3dbl_3a = new(384, 384, (1, 3), padding: (0, 1));
        branch3x3dbl_3b = new(384, 384, (3, 1), padding: (1, 0));
        branch_pool = new(inChannels, 192, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var b3 = branch3x3_1.forward(x);
        var d3 = branch3x3dbl_2.forward(branch3x3dbl_1.forward(x));
        var pooled = maxPool ? F.max_pool2d(x, [3, 3], [1, 1], [1, 1]) : Pool.Average3x3(x);
        return cat([
            branch1x1.forward(x),
            cat([branch3x3_2a.forward(b3), branch3x3_2b.forward(b3)], 1),
            cat([branch3x3dbl_3a.forward(d3), branch3x3dbl_3b.forward(d3)], 1),
            branch_pool.forward(pooled),
        ], 1);
    }
}

/// <summary>The FID Inception-v3 trunk: images in [-1, 1] at 299×299 → pool3 features, B × 2048.</summary>
internal sealed class FidInceptionV3 : nn.Module<Tensor, Tensor>
{
    public const int InputSize = 299;
    public const int FeatureDimension = 2048;

    readonly BasicConv2d Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3, Conv2d_3b_1x1, Conv2d_4a_3x3;
    readonly InceptionA Mixed_5b, Mixed_5c, Mixed_5d;
    readonly InceptionB Mixed_6a;
    readonly InceptionC Mixed_6b, Mixed_6c, Mixed_6d, Mixed_6e;
    readonly InceptionD Mixed_7a;
    readonly InceptionE Mixed_7b, Mixed_7c;

    public FidInceptionV3() : base(nameof(FidInceptionV3))
    {
        Native.NnpackSwitch.EnsureOff();
        Conv2d_1a_3x3 = new(3, 32, 3, stride: 2);
        Conv2d_2a_3x3 = new(32, 32, 3);
        Conv2d_2b_3x3 = new(32, 64, 3, padding: 1);
        Conv2d_3b_1x1 = new(64, 80, 1);
        Conv2d_4a_3x3 = new(80, 192, 3);
        Mixed_5b = new(192, 32);
        Mixed_5c = new(256, 64);
        Mixed_5d = new(288, 64);
        Mixed_6a = new(288);
        Mixed_6b = new(768, 128);
        Mixed_6c = new(768, 160);
        Mixed_6d = new(768, 160);
        Mixed_6e = new(768, 192);
        Mixed_7a = new(768);
        Mixed_7b = new(1280, maxPool: false);
        Mixed_7c = new(2048, maxPool: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = Pool.Max3x3Stride2(Conv2d_2b_3x3.forward(Conv2d_2a_3x3.forward(Conv2d_1a_3x3.forward(x))));
        x = Pool.Max3x3Stride2(Conv2d_4a_3x3.forward(Conv2d_3b_1x1.forward(x)));
        x = Mixed_5d.forward(Mixed_5c.forward(Mixed_5b.forward(x)));
        x = Mixed_6e.forward(Mixed_6d.forward(Mixed_6c.forward(Mixed_6b.forward(Mixed_6a.forward(x)))));
        x = Mixed_7c.forward(Mixed_7b.forward(Mixed_7a.forward(x)));
        return x.mean([2, 3]);
    }

    /// <summary>A network with the weights of a safetensors file converted from pytorch-fid's pt_inception-2015-12-05 (docs/evaluation.md).</summary>
    public static FidInceptionV3 Load(string safetensors)
    {
        var network = new FidInceptionV3();
        var tensors = SafeTensors.Read(safetensors);
        try
        {
            StateLoader.Load(network, tensors, safetensors, ignore: k => k.StartsWith("fc.", StringComparison.Ordinal),
                optional: k => k.EndsWith(".num_batches_tracked", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        network.eval();
        return network;
    }
}
