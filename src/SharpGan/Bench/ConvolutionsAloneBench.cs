using System.Diagnostics;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Bench;

/// <summary>The bench DCGAN's convolutions alone under one policy, median ms of a pass over all of them.</summary>
public sealed record ConvolutionsAloneTimes(ComputePolicy Policy, double Milliseconds);

/// <summary>
/// What a policy's step can gain, side by side in one process: every convolution of the bench's DCGAN (G's and D's
/// layers at the bench's batch), each forward and both gradients through the routes and weight copies the trainer
/// takes, one pass over all of them per policy in turn; the median pass of each. The step holds the rest too
/// (batch norm, activations, casts, the optimiser), so a policy's step gains about what its convolutions gain and
/// no more: where a CPU's bf16 kernels give less than a target asks, this is where <c>bench --profile</c> shows it.
/// </summary>
public static class ConvolutionsAloneBench
{
    public static IReadOnlyList<ConvolutionsAloneTimes> Run(int imageSize, BenchOptions options, IReadOnlyList<ComputePolicy> policies)
    {
        var model = new ModelConfig { ImageSize = imageSize, Latent = "100x1x1", Ngf = 64, Ndf = 64 };
        var layers = DcganLayout.Generator(model).Select(l => (Layer: l, Transposed: true))
            .Concat(DcganLayout.Discriminator(model).Select(l => (Layer: l, Transposed: false))).ToList();
        var passes = policies.ToDictionary(p => p, _ => new List<double>());
        using var scope = NewDisposeScope();
        manual_seed(1);
        var tensors = policies.ToDictionary(p => p, p => layers.Select(l => Tensors(l.Layer, l.Transposed, p, options.Batch)).ToList());
        for (int pass = 0; pass < options.Warmup + options.Steps * options.Rounds; pass++)
            foreach (var policy in policies)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < layers.Count; i++)
                    Step(layers[i].Layer, layers[i].Transposed, policy, tensors[policy][i]);
                if (pass >= options.Warmup) passes[policy].Add(clock.Elapsed.TotalMilliseconds);
            }
        return [.. policies.Select(p => new ConvolutionsAloneTimes(p, passes[p].Order().ElementAt(passes[p].Count / 2)))];
    }

    /// <summary>A layer's input (in the policy's dtype and layout, wanting its gradient), fp32 master weight, and the
    /// gradient its output gets.</summary>
    static (Tensor Input, Tensor Master, Tensor OutputGrad) Tensors(ConvLayer l, bool transposed, ComputePolicy policy, int batch)
    {
        var input = policy.Activation(policy.Input(randn(batch, l.InChannels, l.InSize, l.InSize))).requires_grad_();
        var master = (transposed ? randn(l.InChannels, l.OutChannels, l.Kernel, l.Kernel) : randn(l.OutChannels, l.InChannels, l.Kernel, l.Kernel))
            .mul_(0.02).requires_grad_();
        var outputGrad = policy.Activation(policy.Input(randn(batch, l.OutChannels, l.OutSize, l.OutSize)));
        return (input, master, outputGrad);
    }

    static void Step(ConvLayer l, bool transposed, ComputePolicy policy, (Tensor Input, Tensor Master, Tensor OutputGrad) t)
    {
        using var scope = NewDisposeScope();
        var weight = policy.Weight(t.Master);
        var output = transposed
            ? SafeConvolution.ConvTranspose2d(t.Input, weight, l.Stride, l.Padding)
            : SafeConvolution.Conv2d(t.Input, weight, l.Stride, l.Padding);
        output.backward([t.OutputGrad]);
        t.Input.grad = null;
        t.Master.grad = null;
    }
}
