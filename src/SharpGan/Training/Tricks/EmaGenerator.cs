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

    public void Update(nn.Module generator) => Update(generator, Decay);

    /// <summary>One step of the average with decay <paramref name="beta"/> (see <see cref="Beta"/>).</summary>
    public void Update(nn.Module generator, double beta)
    {
        using var _ = no_grad();
        foreach (var (average, live) in Parameters(generator))
            average.mul_(beta).add_(live, alpha: 1 - beta);
        foreach (var (average, live) in Buffers(generator))
            average.copy_(live);
    }

    /// <summary>
    /// The decay of this G step: <c>tricks.ema</c> as it is, or with <c>tricks.ema_kimg</c> StyleGAN2-ADA's
    /// (training_loop.py): ema_nimg = ema_kimg·1000, at most <paramref name="imagesSeen"/>·ema_rampup when ramping up,
    /// and β = 0.5^(batch / ema_nimg), so the average's half-life is ema_nimg images whatever the batch.
    /// </summary>
    /// <param name="batch">Real images in this step's batch.</param>
    /// <param name="imagesSeen">Real images seen before this step.</param>
    public static double Beta(Config.TricksConfig tricks, long batch, long imagesSeen)
    {
        if (tricks.Ema > 0) return tricks.Ema;
        double nimg = tricks.EmaKimg * 1000;
        if (tricks.EmaRampup > 0) nimg = Math.Min(nimg, imagesSeen * tricks.EmaRampup);
        return Math.Pow(0.5, batch / Math.Max(nimg, 1e-8));
    }

    IEnumerable<(Tensor Average, Tensor Live)> Pairs(nn.Module generator) => Parameters(generator).Concat(Buffers(generator));

    IEnumerable<(Tensor, Tensor)> Parameters(nn.Module generator) =>
        Shadow.parameters().Zip(generator.parameters(), (a, b) => ((Tensor)a, (Tensor)b));

    IEnumerable<(Tensor, Tensor)> Buffers(nn.Module generator) =>
        Shadow.buffers().Zip(generator.buffers(), (a, b) => (a, b));

    public void Dispose() => Shadow.Dispose();
}
