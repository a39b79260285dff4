using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Losses;

/// <summary>
/// The semi-supervised GAN's losses (Salimans et al. 2016; the car-logo ACGAN) on D's K + 1 logits, the last one "fake".
/// With lse(·) the log-sum-exp over logits, log p(real | x) = lse(first K) − lse(all K + 1).
/// </summary>
internal static class SemiSupervisedLoss
{
    /// <summary>
    /// D: cross-entropy over K + 1 on the labelled real images (label ≥ 0; −1 = unlabelled), − mean log p(real) on all
    /// real images, and cross-entropy towards "fake" on the generated ones.
    /// </summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor labels, Tensor fakeLogits)
    {
        long k = realLogits.shape[1] - 1;
        var labelled = labels.ge(0).nonzero().flatten();
        var supervised = labelled.shape[0] > 0
            ? F.cross_entropy(realLogits.index_select(0, labelled), labels.index_select(0, labelled))
            : zeros([], device: realLogits.device);
        var unsupervisedReal = LogProbabilityReal(realLogits).mean().neg();
        var fakeTarget = full(fakeLogits.shape[0], k, ScalarType.Int64, device: fakeLogits.device);
        return supervised.add(unsupervisedReal).add(F.cross_entropy(fakeLogits, fakeTarget));
    }

    /// <summary>G: − mean log p(real) of its images (the non-saturating form).</summary>
    public static Tensor Generator(Tensor fakeLogits) => LogProbabilityReal(fakeLogits).mean().neg();

    /// <summary>log p(real | x) = lse(first K) − lse(all).</summary>
    public static Tensor LogProbabilityReal(Tensor logits)
    {
        long k = logits.shape[1] - 1;
        return logits.narrow(1, 0, k).logsumexp(1).sub(logits.logsumexp(1));
    }

    /// <summary>log p(real) − log p(fake): a real/fake logit for D's diagnostics (its sigmoid is p(real)).</summary>
    public static Tensor RealFakeLogit(Tensor logits)
    {
        long k = logits.shape[1] - 1;
        return logits.narrow(1, 0, k).logsumexp(1).sub(logits.select(1, k));
    }
}
