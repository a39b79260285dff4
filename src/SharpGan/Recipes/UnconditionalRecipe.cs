using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// Plain DCGAN from noise, in the order of pytorch/examples' dcgan/main.py:
/// (1) update D: maximise log D(x) + log(1 − D(G(z))); (2) update G: maximise log D(G(z)), reusing the fakes of (1).
/// </summary>
public sealed class UnconditionalRecipe : IGanRecipe
{
    readonly DcganGenerator netG;
    readonly DcganDiscriminator netD;
    readonly IAdversarialLoss loss;
    Tensor? fake;

    public UnconditionalRecipe(ModelConfig model, IAdversarialLoss loss)
    {
        netG = new DcganGenerator(model);
        netD = new DcganDiscriminator(model);
        this.loss = loss;
    }

    public nn.Module Generator => netG;
    public nn.Module Discriminator => netD;

    public PhaseResult DiscriminatorPhase(Batch real)
    {
        var dReal = netD.forward(real.Images);
        var noise = netG.Noise(real.Size);
        fake = netG.forward(noise);
        var dFake = netD.forward(fake.detach());
        var lossD = loss.Discriminator(dReal, dFake);
        lossD.backward();
        using var _ = no_grad();
        var accuracy = dReal.gt(0).sum().add(dFake.lt(0).sum()).to_type(ScalarType.Float32).div(dReal.shape[0] + dFake.shape[0]);
        return new PhaseResult(lossD, dReal.sigmoid().mean(), dFake.sigmoid().mean(), accuracy);
    }

    public PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase still hold G's graph (D saw them detached), so G's step costs no extra forward of G.
        var images = fake ?? netG.forward(netG.Noise(real.Size));
        fake = null;
        var dFake = netD.forward(images);
        var lossG = loss.Generator(dFake);
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: dFake.sigmoid().mean());
    }

    public Tensor Noise(long count, Generator? generator = null) => netG.Noise(count, generator);

    public Tensor Generate(Tensor noise) => netG.forward(noise);

    public void Dispose()
    {
        netG.Dispose();
        netD.Dispose();
    }
}
