using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>
/// Feature matching (Salimans et al. 2016; the car-logo ACGAN): G is asked to match the mean of D's last hidden features on
/// real images, ‖mean f(x) − mean f(G(z))‖² (averaged over features), rather than only to fool D's output.
/// </summary>
internal static class FeatureMatching
{
    /// <param name="realFeatures">D's features of real images (no gradient needed), B×…</param>
    /// <param name="fakeFeatures">D's features of G's images, B'×…, with G's graph.</param>
    public static Tensor Loss(Tensor realFeatures, Tensor fakeFeatures) =>
        fakeFeatures.flatten(1).mean([0]).sub(realFeatures.flatten(1).mean([0])).square().mean();
}
