using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Recipes;

/// <summary>
/// ACGAN (Odena et al. 2017; the anime-face report and the car-logo ACGAN): G gets noise and a one-hot class
/// (broadcast over the latent's spatial size and concatenated as channels); D has its real/fake head and a class head
/// on the same features.
/// D minimises λ·adversarial loss + w·(CE on real labels + CE on the classes the fakes were asked for);
/// G minimises λ·its adversarial loss + w·CE of D's class head on its fakes, w = <c>model.class_weight</c> and
/// λ = <c>model.adversarial_weight</c> (the anime-face report's λ_adv).
/// With tags (<c>model.multi_label</c>; the anime-face report's hair and eye colours) the code is a multi-hot vector,
/// the class head has one logit per tag and CE becomes BCE-with-logits per tag; the fakes ask for the tag rows of the
/// real batch, shuffled: a draw from P_cond, the real tag combinations, so G is never asked for two hair colours.
/// </summary>
internal sealed class AcganRecipe : DcganRecipe, IConditionalRecipe, ITagConditionedRecipe
{
    readonly LatentShape latent;
    readonly double classWeight, adversarialWeight;
    readonly bool multiLabel;
    Tensor? fake, fakeAsked;

    public IReadOnlyList<string> Classes { get; }

    public AcganRecipe(ModelConfig model, RecipeOptions options)
        : base(Networks.Generator(GeneratorConfig(Checked(model))), Networks.Discriminator(model, classOutputs: model.Classes.Length), options)
    {
        Classes = model.Classes;
        latent = model.LatentShape;
        classWeight = model.ClassWeight;
        adversarialWeight = model.AdversarialWeight;
        multiLabel = model.MultiLabel;
    }

    static ModelConfig Checked(ModelConfig model) => model.Classes.Length >= (model.MultiLabel ? 1 : 2) ? model
        : throw new ConfigException("model.conditioning acgan needs at least 2 classes (data.labels = folders or csv) or 1 tag (data.labels = tags)");

    /// <summary>G's own config: the latent grows by one channel per class or tag, the one-hot or multi-hot code.</summary>
    static ModelConfig GeneratorConfig(ModelConfig model) =>
        model with { Latent = $"{model.LatentShape.Channels + model.Classes.Length}x{model.LatentShape.Size}x{model.LatentShape.Size}" };

    public override PhaseResult DiscriminatorPhase(Batch real)
    {
        var truth = (multiLabel ? real.Tags : real.Labels) ?? throw new InvalidOperationException($"ACGAN needs {(multiLabel ? "tagged" : "labelled")} batches (data.labels)");
        var (dReal, cReal) = NetD.ForwardWithClasses(Options.DInput.Apply(real.Images));
        fakeAsked = multiLabel ? truth.index_select(0, randperm(real.Size).to(truth.device)) : randint(Classes.Count, [real.Size]).to(truth.device);
        fake = NetG.forward(multiLabel ? NoiseForTags(fakeAsked) : NoiseFor(fakeAsked));
        var (dFake, cFake) = NetD.ForwardWithClasses(Options.DInput.Apply(fake.detach()));
        var adversarial = Options.Loss.Discriminator(dReal, dFake, Options.Labels.Draw(dReal, dFake));
        var auxiliary = AuxiliaryLoss(cReal, truth, multiLabel).add(AuxiliaryLoss(cFake, fakeAsked, multiLabel));
        var lossD = adversarial.mul(adversarialWeight).add(auxiliary.mul(classWeight));
        return Options.CompleteDiscriminatorPhase(lossD, dReal, dFake, NetD.forward, real.Images, fake);
    }

    public override PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase, with the classes or tags they were asked for.
        var images = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        var asked = fakeAsked!;
        fake = fakeAsked = null;
        var (dFake, cFake) = NetD.ForwardWithClasses(Options.DInput.Apply(images));
        var lossG = Options.GeneratorLoss(dFake, () => NetD.forward(Options.DInput.Apply(real.Images))).mul(adversarialWeight).add(AuxiliaryLoss(cFake, asked, multiLabel).mul(classWeight));
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: Options.Loss.Traits.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
    }

    /// <summary>The class head's loss: cross-entropy against class indices, or for tags the mean over batch and tags
    /// of BCE-with-logits against the multi-hot rows (each tag is its own yes/no question).</summary>
    public static Tensor AuxiliaryLoss(Tensor logits, Tensor asked, bool multiLabel) =>
        multiLabel ? F.binary_cross_entropy_with_logits(logits, asked) : F.cross_entropy(logits, asked);

    /// <summary>Inputs for <paramref name="count"/> samples whose classes run row by row through the classes, so a
    /// grid of them (<see cref="ImageTensors.GridColumns"/> wide) shows one class per row; for tags, one tag alone per row.</summary>
    public override Tensor Noise(long count, Generator? generator = null)
    {
        int columns = ImageTensors.GridColumns((int)count);
        return NoiseFor(arange(count).div(columns, rounding_mode: RoundingMode.floor).remainder(Classes.Count), generator);
    }

    /// <summary>Inputs for class indices (B); for a tag model, index k asks for tag k alone.</summary>
    public Tensor NoiseFor(Tensor labels, Generator? generator = null) =>
        NoiseForTags(F.one_hot(labels, Classes.Count).to_type(ScalarType.Float32), generator);

    /// <summary>Inputs for codes (B×K float: one-hot classes or multi-hot tags), broadcast over the latent's
    /// spatial size and concatenated to the noise as channels, on G's device (the noise drawn on the CPU from the seed).</summary>
    public Tensor NoiseForTags(Tensor codes, Generator? generator = null)
    {
        long count = codes.shape[0];
        var device = ComputeDevice.Of(NetG);
        var z = randn(latent.BatchShape(count), generator: generator).to(device);
        return cat([z, codes.to(device).view(count, Classes.Count, 1, 1).expand(count, Classes.Count, latent.Size, latent.Size)], 1);
    }
}
