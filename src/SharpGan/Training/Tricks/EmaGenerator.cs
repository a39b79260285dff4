using static TorchSharp.torch;

namespace SharpGan.Training.Tricks;

/// <summary>
/// An exponential moving average of G's weights (Karras et al.; Yazıcı et al. 2019): θ̄ ← β·θ̄ + (1 − β)·θ after
/// every G step; buffers (BatchNorm statistics) are copied. Sampling from θ̄ averages away G's step-to-step jitter.
/// </summary>
internal sealed class EmaGenerator(nn.Module shadow, double decay) : IDisposable
{
    public nn.Module Shadow { get; } = shadow;
    public double Decay { get; } = decay;

    /// <summary>Starts the average at G's current weights.</summary>
    public void Reset(nn.Module generator)
    {
        using var _ = no_grad();
        foreach (var (average, live) in Pairs(generator))
            average.copy_(live);
    }

    public void Update(nn.Module generator)
    {
        using var _ = no_grad();
        foreach (var (average, live) in Parameters(generator))
            average.mul_(Decay).add_(live, alpha: 1 - Decay);
        foreach (var (average, live) in Buffers(generator))
            average.copy_(live);
    }

    IEnumerable<(Tensor Average, Tensor Live)> Pairs(nn.Module generator) => Parameters(generator).Concat(Buffers(generator));

    IEnumerable<(Tensor, Tensor)> Parameters(nn.Module generator) =>
        Shadow.parameters().Zip(generator.parameters(), (a, b) => ((Tensor)a, (Tensor)b));

    IEnumerable<(Tensor, Tensor)> Buffers(nn.Module generator) =>
        Shadow.buffers().Zip(generator.buffers(), (a, b) => (a, b));

    public void Dispose() => Shadow.Dispose();
}
