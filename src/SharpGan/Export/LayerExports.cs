using SharpGan.Compute;
using SharpGan.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>The single layers: convolutions, dense layers, norms, activations, resampling, dropout.</summary>
internal static class LayerExports
{
    public static void Register()
    {
        OnnxModules.Register<Sequential>((m, x, c) => c.RunChildren(m, x));
        OnnxModules.Register<PolicyConv>((m, x, c) => m.Transposed
            ? c.Graph.ConvTranspose(x, m.Weight, m.Stride, m.Padding, m.OutputPadding, m.Groups)
            : c.Graph.Conv(x, m.Weight, m.Stride, m.Padding, m.Groups));
        OnnxModules.Register<Conv2d>(Conv2d);
        OnnxModules.Register<PolicyLinear>((m, x, c) => c.Graph.Linear(x.Shape.Length > 2 ? c.Graph.Flatten(x) : x, m.Weight, m.Bias));
        OnnxModules.Register<Linear>((m, x, c) =>
        {
            using var scope = NewDisposeScope();
            return c.Graph.Linear(x.Shape.Length > 2 ? c.Graph.Flatten(x) : x, m.weight!, m.bias ?? zeros(m.out_features));
        });
        OnnxModules.Register<SafeBatchNorm2d>((m, x, c) => c.Graph.BatchNorm(x, m.Weight, m.Bias, m.RunningMean, m.RunningVar, m.Eps));
        OnnxModules.Register<InstanceNorm2d>(InstanceNorm);
        OnnxModules.Register<ChannelBias>((m, x, c) =>
        {
            using var scope = NewDisposeScope();
            return c.Graph.Add(x, c.Graph.Weight("bias", m.Bias.view(1, -1, 1, 1)));
        });
        OnnxModules.Register<ReLU>((_, x, c) => c.Graph.Relu(x));
        OnnxModules.Register<LeakyReLU>((m, x, c) => c.Graph.LeakyRelu(x, m.negative_slope));
        OnnxModules.Register<Tanh>((_, x, c) => c.Graph.Tanh(x));
        OnnxModules.Register<PixelShuffle>((m, x, c) => c.Graph.PixelShuffle(x, m.upscale_factor));
        // Eval-mode dropout is the identity; SharpGan's own stays on when sampling if told to, and then its keep
        // mask is the caller's to give (torch's random draws cannot be repeated in another runtime).
        OnnxModules.Register<Dropout>((_, x, _) => x);
        OnnxModules.Register<GeneratorDropout>((m, x, c) => m.AtSampling ? c.DropoutInput(x, m.Probability) : x);
        OnnxModules.Register<LowPassResample>(LowPass);
    }

    static OnnxValue Conv2d(Conv2d m, OnnxValue x, ExportContext c)
    {
        if (m.padding_type is not null || m.padding is null || m.padding.Distinct().Count() != 1 || m.stride.Distinct().Count() != 1 || m.dilation.Any(d => d != 1)
            || m.padding_mode != PaddingModes.Zeros || m.kernel_size.Distinct().Count() != 1)
            throw new OnnxExportException($"{c.Network}: module '{c.Graph.Path}' (Conv2d) uses padding, stride or dilation the exporter does not write (square zero padding, square stride, no dilation)");
        var bias = m.bias is { } b ? c.Graph.Weight("bias", b) : null;
        return c.Graph.Conv(x, m.weight!, m.stride[0], m.padding[0], m.groups, bias);
    }

    static OnnxValue InstanceNorm(InstanceNorm2d m, OnnxValue x, ExportContext c)
    {
        if (m.track_running_stats)
            throw new OnnxExportException($"{c.Network}: module '{c.Graph.Path}' (InstanceNorm2d) tracks running statistics; ONNX's InstanceNormalization uses each picture's own");
        using var scope = NewDisposeScope();
        var weight = m.affine ? m.weight! : ones(m.num_features);
        var bias = m.affine ? m.bias! : zeros(m.num_features);
        return c.Graph.InstanceNorm(x, weight, bias, m.eps);
    }

    /// <summary>The [1, 3, 3, 1] filter per channel, as <see cref="LowPassResample"/> builds it on each call.</summary>
    static OnnxValue LowPass(LowPassResample m, OnnxValue x, ExportContext c)
    {
        using var scope = NewDisposeScope();
        var taps = tensor(new float[] { 1, 3, 3, 1 });
        var kernel = taps.outer(taps).div(64).view(1, 1, 4, 4).expand(x.Channels, 1, 4, 4);
        return m.IsUp
            ? c.Graph.ConvTranspose(x, kernel.mul(4), stride: 2, padding: 1, groups: x.Channels)
            : c.Graph.Conv(x, kernel, stride: 2, padding: 1, groups: x.Channels);
    }
}
