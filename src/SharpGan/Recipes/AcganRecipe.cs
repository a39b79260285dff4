using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Recipes;

/// <summary>
/// ACGAN (Odena et al. 2017; seeds 003 and 004): G gets noise and a one-hot class (broadcast over the latent's
/// spatial size and concatenated as channels); D has its real/fake head and a class head on the same features.
/// D minimises the adversarial loss + w·(CE on real labels + CE on the classes the fakes were asked for);
/// G minimises its adversarial loss + w·CE of D's class head on its fakes, w = <c>model.class_weight</c>.
/// </summary>
public sealed class AcganRecipe : DcganRecipe, IConditionalRecipe
{
    readonly LatentShape latent;
    readonly double classWeight;
    Tensor? fake, fakeLabels;

    public IReadOnlyList<string> Classes { get; }

    public AcganRecipe(ModelConfig model, RecipeOptions options)
        : base(Networks.Generator(GeneratorConfig(Checked(model))), Networks.Discriminator(model), options)
    {
        Classes = model.Classes;
        latent = model.LatentShape;
        classWeight = model.ClassWeight;
    }

    static ModelConfig Checked(ModelConfig model) => model.Classes.Length >= 2 ? model
        : throw new ConfigException("model.conditioning acgan needs at least 2 classes (data.labels = folders)");

    /// <summary>G's own config: the latent grows by one channel per class, the one-hot code.</summary>
    static ModelConfig GeneratorConfig(ModelConfig model) =>
        model with { Latent = $"{model.LatentShape.Channels + model.Classes.Length}x{model.LatentShape.Size}x{model.LatentShape.Size}" };

    public override PhaseResult DiscriminatorPhase(Batch real)
    {
        var labels = real.Labels ?? throw new InvalidOperationException("ACGAN needs labelled batches (data.labels = folders)");
        var (dReal, cReal) = NetD.ForwardWithClasses(Options.DInput.Apply(real.Images));
        fakeLabels = randint(Classes.Count, [real.Size]);
        fake = NetG.forward(NoiseFor(fakeLabels));
        var (dFake, cFake) = NetD.ForwardWithClasses(Options.DInput.Apply(fake.detach()));
        var adversarial = Options.Loss.Discriminator(dReal, dFake, Options.Labels.Draw(dReal.shape[0], dFake.shape[0]));
        var lossD = adversarial.add(F.cross_entropy(cReal, labels).add(F.cross_entropy(cFake, fakeLabels)).mul(classWeight));
        return Options.CompleteDiscriminatorPhase(lossD, dReal, dFake, NetD.forward, real.Images, fake);
    }

    public override PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase, with the classes they were asked for.
        var images = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        var asked = fakeLabels!;
        fake = fakeLabels = null;
        var (dFake, cFake) = NetD.ForwardWithClasses(Options.DInput.Apply(images));
        var lossG = Options.Loss.Generator(dFake).add(F.cross_entropy(cFake, asked).mul(classWeight));
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: Options.Loss.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
    }

    /// <summary>Inputs for <paramref name="count"/> samples whose classes run row by row through the classes, so a
    /// grid of them (<see cref="ImageTensors.GridColumns"/> wide) shows one class per row.</summary>
    public override Tensor Noise(long count, Generator? generator = null)
    {
        int columns = ImageTensors.GridColumns((int)count);
        return NoiseFor(arange(count).div(columns, rounding_mode: RoundingMode.floor).remainder(Classes.Count), generator);
    }

    public Tensor NoiseFor(Tensor labels, Generator? generator = null)
    {
        var z = randn(latent.BatchShape(labels.shape[0]), generator: generator);
        var code = F.one_hot(labels, Classes.Count).to_type(ScalarType.Float32).view(labels.shape[0], Classes.Count, 1, 1)
            .expand(labels.shape[0], Classes.Count, latent.Size, latent.Size);
        return cat([z, code], 1);
    }
}
