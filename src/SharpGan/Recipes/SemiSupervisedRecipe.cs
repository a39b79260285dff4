using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// The semi-supervised GAN (Salimans et al. 2016; seed 004): an unconditional DCGAN generator and a discriminator
/// whose class head has K + 1 outputs (the K classes, then "fake"), trained on the labelled fraction of the real
/// images with their classes and on all of them as "real". The discriminator is then a classifier.
/// </summary>
public sealed class SemiSupervisedRecipe : IGanRecipe
{
    readonly DcganGenerator netG;
    readonly DcganDiscriminator netD;
    readonly RecipeOptions options;
    Tensor? fake;

    public IReadOnlyList<string> Classes { get; }

    public SemiSupervisedRecipe(ModelConfig model, RecipeOptions options)
    {
        if (model.Classes.Length < 2) throw new ConfigException("model.conditioning semi-supervised needs at least 2 classes (data.labels = folders)");
        Classes = model.Classes;
        netG = new DcganGenerator(model);
        netD = new DcganDiscriminator(model);
        this.options = options;
    }

    public nn.Module Generator => netG;
    public nn.Module Discriminator => netD;
    public DiscriminatorInput DInput => options.DInput;

    public PhaseResult DiscriminatorPhase(Batch real)
    {
        var labels = real.Labels ?? throw new InvalidOperationException("the semi-supervised GAN needs labelled batches (data.labels = folders)");
        var (_, realLogits) = netD.ForwardWithClasses(options.DInput.Apply(real.Images));
        fake = netG.forward(netG.Noise(real.Size));
        var (_, fakeLogits) = netD.ForwardWithClasses(options.DInput.Apply(fake.detach()));
        var lossD = SemiSupervisedLoss.Discriminator(realLogits, labels, fakeLogits);
        lossD.backward();
        using var _ = no_grad();
        return PhaseResult.FromScores(lossD, SemiSupervisedLoss.RealFakeLogit(realLogits), SemiSupervisedLoss.RealFakeLogit(fakeLogits), logits: true);
    }

    public PhaseResult GeneratorPhase(Batch real)
    {
        var images = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        fake = null;
        var (_, fakeLogits) = netD.ForwardWithClasses(options.DInput.Apply(images));
        var lossG = SemiSupervisedLoss.Generator(fakeLogits);
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: SemiSupervisedLoss.RealFakeLogit(fakeLogits).sigmoid().mean());
    }

    /// <summary>D as a classifier: the class (of the K) it finds most likely for each image.</summary>
    public Tensor Classify(Tensor images)
    {
        using var _ = no_grad();
        var (_, logits) = netD.ForwardWithClasses(images);
        return logits.narrow(1, 0, Classes.Count).argmax(1);
    }

    public Tensor Noise(long count, Generator? generator = null) => netG.Noise(count, generator);

    public Tensor Generate(Tensor noise) => netG.forward(noise);

    public nn.Module NewGenerator() => new DcganGenerator(netG.Config);

    public void Dispose()
    {
        netG.Dispose();
        netD.Dispose();
    }
}
