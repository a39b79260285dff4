using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Losses;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// Pix2pix (Isola et al. 2017; the anime-face report, part E.2): G is a U-Net from the input picture x to y; D, a PatchGAN, judges
/// every patch of concat(x, y) — the real target, or G(x) — so D learns what a plausible y for this x looks like.
/// D minimises half its adversarial loss (the paper halves it to slow D against G); G minimises
/// λ_adv·L_GAN + λ·L1(y, G(x)). With λ_adv = 0 (<c>model.adversarial_weight</c>) it is the paper's L1-only baseline:
/// D is then never run. The batch's images are the targets, its <see cref="Batch.Inputs"/> the inputs.
/// </summary>
internal sealed class Pix2PixRecipe : IGanRecipe
{
    readonly Pix2PixGenerator netG;
    readonly PatchDiscriminator netD;
    readonly RecipeOptions options;
    readonly ModelConfig model;
    readonly Tensor? heldOutInputs, heldOutTargets;
    Tensor? fake;

    /// <param name="heldOut">Pairs never trained on, for the epoch grids (and as the trainer's fixed "noise");
    /// translating alone needs none.</param>
    public Pix2PixRecipe(ModelConfig model, RecipeOptions options, PairedSet? heldOut = null)
    {
        this.model = model;
        this.options = options;
        netG = new Pix2PixGenerator(model);
        netD = new PatchDiscriminator(new PatchDiscriminatorConfig(6, model.Ndf, model.DLayers, model.Pix2PixNorm));
        if (heldOut is not null)
        {
            using var scope = NewDisposeScope();
            heldOutInputs = heldOut.Inputs.AsTensor().DetachFromDisposeScope();
            heldOutTargets = heldOut.Targets.AsTensor().DetachFromDisposeScope();
        }
    }

    public nn.Module Generator => netG;
    public nn.Module Discriminator => netD;
    public DiscriminatorInput DInput => options.DInput;

    bool Adversarial => model.AdversarialWeight > 0;

    public PhaseResult DiscriminatorPhase(Batch real)
    {
        var inputs = Inputs(real);
        fake = netG.forward(inputs);
        if (!Adversarial)
            return new PhaseResult(zeros(1, device: fake.device).squeeze());   // L1 only: D has nothing to learn that G would use
        var dReal = netD.forward(cat([inputs, options.DInput.Apply(real.Images)], 1)).flatten();
        var dFake = netD.forward(cat([inputs, options.DInput.Apply(fake.detach())], 1)).flatten();
        var lossD = options.Loss.Discriminator(dReal, dFake, options.Labels.Draw(dReal, dFake)).mul(0.5);
        lossD.backward();
        using var _ = no_grad();
        return PhaseResult.FromScores(lossD, dReal, dFake, options.Loss.Traits.UsesLabels);
    }

    public PhaseResult GeneratorPhase(Batch real)
    {
        // D's phase made the outputs with G's graph attached; G's step reuses them.
        var output = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        fake = null;
        var inputs = Inputs(real);
        var dFake = Adversarial ? netD.forward(cat([inputs, options.DInput.Apply(output)], 1)) : null;
        var (lossG, _, _) = Pix2PixObjective.Generator(options.Loss, dFake, output, real.Images, model.L1Weight, model.AdversarialWeight);
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: dFake is null ? null : options.Loss.Traits.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
    }

    /// <summary>The first <paramref name="count"/> held-out inputs (cycling when there are fewer): what the grid and
    /// the in-training metrics translate.</summary>
    public Tensor Noise(long count, Generator? generator = null)
    {
        var inputs = heldOutInputs ?? throw new InvalidOperationException("this generator translates pictures: give it inputs (sharpgan translate run)");
        return inputs.index_select(0, arange(count).remainder(inputs.shape[0])).to(ComputeDevice.Of(netG));
    }

    public Tensor Generate(Tensor noise) => netG.forward(noise.to(ComputeDevice.Of(netG)));

    public (Tensor Tiles, int Columns) Grid(Tensor inputs, Tensor outputs)
    {
        var targets = heldOutTargets!.index_select(0, arange(inputs.shape[0]).remainder(heldOutTargets!.shape[0])).to(inputs.device);
        // (input, output, target) side by side per pair, two pairs a row when there are several.
        var tiles = stack([inputs, outputs.to_type(inputs.dtype), targets], 1).flatten(0, 1);
        return (tiles, inputs.shape[0] > 1 ? 6 : 3);
    }

    /// <summary>The held-out pairs, all of them: the trainer's fixed inputs are exactly these.</summary>
    public int GridCount(int sampleCount) => (int)(heldOutInputs?.shape[0] ?? 0);

    public nn.Module NewGenerator() => new Pix2PixGenerator(model);

    /// <summary>The pix2pix inputs of a batch; a batch without them did not come from paired data.</summary>
    static Tensor Inputs(Batch batch) => batch.Inputs ?? throw new InvalidOperationException("pix2pix trains on pairs: the batch has no inputs");

    public void Dispose()
    {
        netG.Dispose();
        netD.Dispose();
        heldOutInputs?.Dispose();
        heldOutTargets?.Dispose();
    }
}
