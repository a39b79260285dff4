using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// Plain DCGAN from noise, in the order of pytorch/examples' dcgan/main.py:
/// (1) update D: maximise log D(x) + log(1 − D(G(z))); (2) update G: maximise log D(G(z)), reusing the fakes of (1)
/// when nothing asks for fresh ones. Losses, label tricks, D-input tricks, the gradient penalty and feature matching
/// come in through <see cref="RecipeOptions"/>.
/// </summary>
internal sealed class UnconditionalRecipe(ModelConfig model, RecipeOptions options)
    : DcganRecipe(Networks.Generator(model), Networks.Discriminator(model), options)
{
    Tensor? fake;

    public override PhaseResult DiscriminatorPhase(Batch real)
    {
        Tensor dReal, dFake;
        using (StepProfile.Time("D forward (real)"))
            dReal = NetD.forward(Options.DInput.Apply(real.Images));
        using (StepProfile.Time("G forward"))
            fake = NetG.forward(NetG.Noise(real.Size));
        using (StepProfile.Time("D forward (fake)"))
            dFake = NetD.forward(Options.DInput.Apply(fake.detach()));
        var lossD = Options.Loss.Discriminator(dReal, dFake, Options.Labels.Draw(dReal, dFake));
        return Options.CompleteDiscriminatorPhase(lossD, dReal, dFake, NetD.forward, real.Images, fake);
    }

    public override PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase still hold G's graph (D saw them detached), so G's step costs no extra forward of G.
        var images = fake is not null && Options.GBatchMultiplier == 1
            ? fake
            : NetG.forward(NetG.Noise(real.Size * Options.GBatchMultiplier));
        fake = null;
        Tensor dFake, fakeFeatures;
        using (StepProfile.Time("D forward (G's phase)"))
            (dFake, fakeFeatures) = NetD.ForwardWithFeatures(Options.DInput.Apply(images));
        var lossG = Options.GeneratorLoss(dFake, () => NetD.forward(Options.DInput.Apply(real.Images)));
        if (Options.FeatureMatchingWeight > 0)
        {
            Tensor realFeatures;
            using (no_grad())
                realFeatures = NetD.Features(Options.DInput.Apply(real.Images));
            lossG = lossG.add(FeatureMatching.Loss(realFeatures, fakeFeatures).mul(Options.FeatureMatchingWeight));
        }
        using (StepProfile.Time("G backward (through D)"))
            lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: Options.Loss.Traits.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
    }
}
