using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// What one kind of GAN does with a batch. A recipe owns its networks and computes, for each phase, the loss and
/// its gradients; the trainer schedules the phases, zeroes and steps the optimisers, and does everything else.
/// </summary>
public interface IGanRecipe : IDisposable
{
    nn.Module Generator { get; }
    nn.Module Discriminator { get; }

    /// <summary>D's phase: loss on real vs fake, back-propagated into D's gradients.</summary>
    PhaseResult DiscriminatorPhase(Batch real);

    /// <summary>G's phase: loss on D's view of fakes, back-propagated into G's gradients.</summary>
    PhaseResult GeneratorPhase(Batch real);

    /// <summary>Noise for <paramref name="count"/> samples.</summary>
    Tensor Noise(long count, Generator? generator = null);

    /// <summary>Images in [-1, 1] from noise; the caller chooses train/eval mode and grad.</summary>
    Tensor Generate(Tensor noise);

    /// <summary>The tricks on D's inputs, for the trainer to set per epoch.</summary>
    DiscriminatorInput DInput { get; }

    /// <summary>A fresh generator of the same architecture (for the EMA copy).</summary>
    nn.Module NewGenerator();

    /// <summary>How many samples the epoch grid shows when <c>train.sample_count</c> asks for <paramref name="sampleCount"/>;
    /// a recipe whose fixed inputs are a set of their own (pix2pix's held-out pairs) shows those.</summary>
    int GridCount(int sampleCount) => sampleCount;

    /// <summary>The grid's tiles and how many a row holds, from the fixed <paramref name="noise"/> and G's
    /// <paramref name="images"/> of it: by default the images, near-square.</summary>
    (Tensor Tiles, int Columns) Grid(Tensor noise, Tensor images) => (images, ImageTensors.GridColumns((int)noise.shape[0]));
}

/// <summary>A phase's loss and its diagnostics, as 0-d tensors (read once per step with <c>item</c>).
/// <see cref="RealSign"/> is the overfitting measure adaptive augmentation steers by (see <see cref="Losses.OverfitSignal"/>).</summary>
public sealed record PhaseResult(Tensor Loss, Tensor? RealScore = null, Tensor? FakeScore = null, Tensor? Accuracy = null, Tensor? RealSign = null)
{
    /// <summary>
    /// D(x), D(G(z)) and D's accuracy from its outputs. Logit losses: sigmoid means, and a sample counts as right on
    /// the correct side of 0. Critics (WGAN, hinge) have no probabilities: raw score means, and the threshold is the
    /// midpoint between the two means.
    /// </summary>
    public static PhaseResult FromScores(Tensor loss, Tensor real, Tensor fake, bool logits, Losses.OverfitSignal overfit = Losses.OverfitSignal.RealSign)
    {
        var threshold = logits ? zeros(1, device: real.device) : real.mean().add(fake.mean()).div(2);
        var right = real.gt(threshold).sum().add(fake.lt(threshold).sum()).to_type(ScalarType.Float32);
        var accuracy = right.div(real.shape[0] + fake.shape[0]);
        // A paired loss meets each real with the fake of its row (further blocks of fakes, such as mismatched masks, pair again).
        var realSign = (overfit == Losses.OverfitSignal.PairedSign ? real.sub(fake.narrow(0, 0, real.shape[0])) : real).sign().mean();
        return logits
            ? new PhaseResult(loss, real.sigmoid().mean(), fake.sigmoid().mean(), accuracy, realSign)
            : new PhaseResult(loss, real.mean(), fake.mean(), accuracy, realSign);
    }
}
