using static TorchSharp.torch;

namespace SharpGan.Losses;

/// <summary>What D is asked to output for each real and each fake sample of a batch.</summary>
public sealed record LabelTargets(Tensor Real, Tensor Fake)
{
    /// <summary>The textbook targets: 1 for real, 0 for fake.</summary>
    public static LabelTargets Hard(long realCount, long fakeCount) => new(ones(realCount), zeros(fakeCount));
}
