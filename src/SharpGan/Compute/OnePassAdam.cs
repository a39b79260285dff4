using System.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>
/// Adam's update as one pass over each parameter: every element's gradient, moments and weight are read once and
/// written once. TorchSharp's <c>Adam.step</c> makes eight libtorch calls per parameter (two for each moment, a
/// square root, a division and an addition into two fresh temporaries, then the update), eight trips through memory
/// that, on a CPU, cost more than the arithmetic; libtorch's own fused Adam is not reachable from TorchSharp.
/// </summary>
/// <remarks>
/// It updates the optimiser's own state (<see cref="Adam.State"/>: the step count and both moments, in
/// place), so checkpoints and resumes are those of TorchSharp's Adam, and an optimiser may take either step from one
/// step to the next. The arithmetic is TorchSharp's in fp32, in its order; it differs from it only where libtorch's
/// vector kernels contract a multiply and an add (about one unit in the last place). Vector and tail lanes compute
/// the same operations, and no element depends on another, so the result does not depend on the vector width, the
/// chunking or the number of threads.
/// </remarks>
internal static class OnePassAdam
{
    /// <summary>Elements below which a parameter is updated on the calling thread: forking costs more.</summary>
    const int ParallelFrom = 1 << 16;

    /// <summary>Whether <paramref name="adam"/>'s parameters can take this step: every one fp32 and contiguous on the
    /// CPU with moments of the same (its other devices take TorchSharp's step), and no AMSGrad.</summary>
    public static bool Fits(Adam adam)
    {
        foreach (var (parameter, state, options) in Entries(adam))
        {
            if (options.amsgrad == true) return false;
            foreach (var t in (ReadOnlySpan<Tensor>)[parameter, state.exp_avg, state.exp_avg_sq])
                if (t.device_type != DeviceType.CPU || t.dtype != ScalarType.Float32 || !t.is_contiguous())
                    return false;
        }
        return true;
    }

    /// <summary>One optimiser step; parameters without a gradient are left as they are, as by TorchSharp's Adam.</summary>
    public static void Step(Adam adam)
    {
        using var _ = no_grad();
        int threads = Math.Max(1, get_num_threads());
        foreach (var (parameter, state, options) in Entries(adam))
        {
            using var stored = parameter.grad;
            if (stored is null) continue;
            using var contiguous = stored.is_contiguous() ? null : stored.contiguous();
            var grad = contiguous ?? stored;
            state.step += 1;
            var terms = Terms.Of(options, state.step);
            long n = parameter.numel();
            if (n < ParallelFrom || threads == 1)
            {
                Update(parameter, grad, state, terms, 0, (int)n);
                continue;
            }
            int chunks = (int)Math.Min(threads, n / (ParallelFrom / 2));
            long per = (n + chunks - 1) / chunks;
            per = (per + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
            {
                long start = c * per;
                if (start < n) Update(parameter, grad, state, terms, (int)start, (int)Math.Min(per, n - start));
            });
        }
    }

    /// <summary>The step's scalars, as TorchSharp's Adam computes them (in double, handed to libtorch as fp32).</summary>
    readonly record struct Terms(float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float Eps,
        float SqrtBiasCorrection2, float NegativeStepSize, float WeightDecay, bool Maximize)
    {
        public static Terms Of(Adam.Options o, long step)
        {
            double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value;
            double biasCorrection1 = 1 - Math.Pow(beta1, step), biasCorrection2 = 1 - Math.Pow(beta2, step);
            return new((float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)o.eps!.Value,
                (float)Math.Sqrt(biasCorrection2), (float)(-(o.LearningRate!.Value / biasCorrection1)),
                (float)o.weight_decay!.Value, o.maximize == true);
        }
    }

    static void Update(Tensor parameter, Tensor grad, Adam.State state, Terms k, int start, int length)
    {
        var p = Floats(parameter, start, length);
        var g = Floats(grad, start, length);
        var m = Floats(state.exp_avg, start, length);
        var v = Floats(state.exp_avg_sq, start, length);
        int vectors = length / Vector<float>.Count;
        if (vectors > 0)
        {
            var pv = MemoryMarshal.Cast<float, Vector<float>>(p);
            var gv = MemoryMarshal.Cast<float, Vector<float>>(g);
            var mv = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
            Vector<float> beta1 = new(k.Beta1), oneMinusBeta1 = new(k.OneMinusBeta1), beta2 = new(k.Beta2),
                oneMinusBeta2 = new(k.OneMinusBeta2), eps = new(k.Eps), sqrtBc2 = new(k.SqrtBiasCorrection2),
                stepSize = new(k.NegativeStepSize), decay = new(k.WeightDecay);
            for (int i = 0; i < vectors; i++)
            {
                var gi = k.Maximize ? -gv[i] : gv[i];
                if (k.WeightDecay != 0) gi += pv[i] * decay;
                var mi = mv[i] * beta1 + gi * oneMinusBeta1;
                var vi = vv[i] * beta2 + oneMinusBeta2 * gi * gi;
                mv[i] = mi;
                vv[i] = vi;
                pv[i] += stepSize * mi / (Vector.SquareRoot(vi) / sqrtBc2 + eps);
            }
        }
        for (int i = vectors * Vector<float>.Count; i < length; i++)
        {
            float gi = k.Maximize ? -g[i] : g[i];
            if (k.WeightDecay != 0) gi += p[i] * k.WeightDecay;
            float mi = m[i] * k.Beta1 + gi * k.OneMinusBeta1;
            float vi = v[i] * k.Beta2 + k.OneMinusBeta2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] += k.NegativeStepSize * mi / (MathF.Sqrt(vi) / k.SqrtBiasCorrection2 + k.Eps);
        }
    }

    /// <summary>A contiguous fp32 CPU tensor's elements [start, start + length), in place (libtorch's memory).</summary>
    static Span<float> Floats(Tensor t, int start, int length) => MemoryMarshal.Cast<byte, float>(t.bytes).Slice(start, length);

    /// <summary>Each parameter with its state and its group's options, in the optimiser's order.</summary>
    static IEnumerable<(Parameter Parameter, Adam.State State, Adam.Options Options)> Entries(Adam adam)
    {
        var dict = adam.state_dict();
        int index = 0;
        foreach (var group in adam.ParamGroups.Cast<ParamGroup>())
            foreach (var parameter in group.Parameters)
                yield return (parameter, (Adam.State)dict.State[index++], (Adam.Options)group.Options);
    }
}
