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
public sealed class UnconditionalRecipe : IGanRecipe
{
    readonly DcganGenerator netG;
    readonly DcganDiscriminator netD;
    readonly RecipeOptions options;
    Tensor? fake;

    public UnconditionalRecipe(ModelConfig model, RecipeOptions options)
    {
        netG = new DcganGenerator(model);
        netD = new DcganDiscriminator(model);
        this.options = options;
    }

    public nn.Module Generator => netG;
    public nn.Module Discriminator => netD;
    public DiscriminatorInput DInput => options.DInput;

    public PhaseResult DiscriminatorPhase(Batch real)
    {
        var dReal = netD.forward(options.DInput.Apply(real.Images));
        fake = netG.forward(netG.Noise(real.Size));
        var dFake = netD.forward(options.DInput.Apply(fake.detach()));
        var lossD = options.Loss.Discriminator(dReal, dFake, options.Labels.Draw(dReal.shape[0], dFake.shape[0]));
        return options.CompleteDiscriminatorPhase(lossD, dReal, dFake, netD.forward, real.Images, fake);
    }

    public PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase still hold G's graph (D saw them detached), so G's step costs no extra forward of G.
        var images = fake is not null && options.GBatchMultiplier == 1
            ? fake
            : netG.forward(netG.Noise(real.Size * options.GBatchMultiplier));
        fake = null;
        var (dFake, fakeFeatures) = netD.ForwardWithFeatures(options.DInput.Apply(images));
        var lossG = options.Loss.Generator(dFake);
        if (options.FeatureMatchingWeight > 0)
        {
            Tensor realFeatures;
            using (no_grad())
                realFeatures = netD.Features(options.DInput.Apply(real.Images));
            var matching = fakeFeatures.flatten(1).mean([0]).sub(realFeatures.flatten(1).mean([0])).square().mean();
            lossG = lossG.add(matching.mul(options.FeatureMatchingWeight));
        }
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: options.Loss.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
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
