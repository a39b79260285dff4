using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// The semi-supervised GAN (Salimans et al. 2016; the car-logo ACGAN): an unconditional DCGAN generator and a discriminator
/// whose class head has K + 1 outputs (the K classes, then "fake"), trained on the labelled fraction of the real
/// images with their classes and on all of them as "real". The discriminator is then a classifier. With
/// <c>tricks.feature_matching</c>, G also matches the mean of D's last hidden features on real images — the
/// generator objective Salimans et al. paired with this discriminator.
/// </summary>
internal sealed class SemiSupervisedRecipe : DcganRecipe
{
    Tensor? fake;

    public IReadOnlyList<string> Classes { get; }

    public SemiSupervisedRecipe(ModelConfig model, RecipeOptions options)
        : base(Networks.Generator(model), Networks.Discriminator(model, classOutputs: model.Classes.Length + 1), options)
    {
        if (model.Classes.Length < 2) throw new ConfigException("model.conditioning semi-supervised needs at least 2 classes (data.labels = folders)");
        Classes = model.Classes;
    }

    public override PhaseResult DiscriminatorPhase(Batch real)
    {
        var labels = real.Labels ?? throw new InvalidOperationException("the semi-supervised GAN needs labelled batches (data.labels = folders)");
        var (_, realLogits) = NetD.ForwardWithClasses(Options.DInput.Apply(real.Images));
        fake = NetG.forward(NetG.Noise(real.Size));
        var (_, fakeLogits) = NetD.ForwardWithClasses(Options.DInput.Apply(fake.detach()));
        var lossD = SemiSupervisedLoss.Discriminator(realLogits, labels, fakeLogits);
        lossD.backward();
        using var _ = no_grad();
        return PhaseResult.FromScores(lossD, SemiSupervisedLoss.RealFakeLogit(realLogits), SemiSupervisedLoss.RealFakeLogit(fakeLogits), logits: true);
    }

    public override PhaseResult GeneratorPhase(Batch real)
    {
        var images = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        fake = null;
        var (_, fakeLogits) = NetD.ForwardWithClasses(Options.DInput.Apply(images));
        var lossG = SemiSupervisedLoss.Generator(fakeLogits);
        if (Options.FeatureMatchingWeight > 0)
        {
            Tensor realFeatures;
            using (no_grad())
                realFeatures = NetD.Features(Options.DInput.Apply(real.Images));
            var fakeFeatures = NetD.Features(Options.DInput.Apply(images));
            lossG = lossG.add(FeatureMatching.Loss(realFeatures, fakeFeatures).mul(Options.FeatureMatchingWeight));
        }
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: SemiSupervisedLoss.RealFakeLogit(fakeLogits).sigmoid().mean());
    }

    /// <summary>D as a classifier: the class (of the K) it finds most likely for each image.</summary>
    public Tensor Classify(Tensor images)
    {
        using var _ = no_grad();
        var (_, logits) = NetD.ForwardWithClasses(images);
        return logits.narrow(1, 0, Classes.Count).argmax(1);
    }
}
