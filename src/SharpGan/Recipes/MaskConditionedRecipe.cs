using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// The location-constrained flower GAN's DCGAN. D judges (image, mask) pairs: a real image with its own mask is real;
/// G's picture for a mask drawn at random from the training masks is fake; with <c>model.mask_mismatch</c>, a real
/// image with another image's mask is fake too. Masks carry optional Gaussian noise in training
/// (<c>model.mask_noise</c>). Label tricks, instance noise and the gradient penalty come in through the options.
/// </summary>
internal sealed class MaskConditionedRecipe : IMaskConditionedRecipe
{
    readonly MaskConditionedGenerator netG;
    readonly MaskConditionedDiscriminator netD;
    readonly RecipeOptions options;
    readonly MaskPool? pool;
    readonly double maskNoise;
    readonly bool mismatch;
    Tensor? fake, fakeMasks;

    /// <param name="pool">The training masks that G's masks are drawn from (the recipe disposes it); sampling from
    /// given masks needs none.</param>
    public MaskConditionedRecipe(ModelConfig model, RecipeOptions options, MaskPool? pool = null)
    {
        netG = new MaskConditionedGenerator(model);
        netD = new MaskConditionedDiscriminator(model);
        this.options = options;
        this.pool = pool;
        maskNoise = model.MaskNoise;
        mismatch = model.MaskMismatch;
        MaskSize = model.ImageSize;
    }

    public int MaskSize { get; }
    public nn.Module Generator => netG;
    public nn.Module Discriminator => netD;
    public DiscriminatorInput DInput => options.DInput;

    public PhaseResult DiscriminatorPhase(Batch real)
    {
        var realMasks = Noisy(real.Masks);
        var realInput = options.DInput.Apply(real.Images);
        var dReal = netD.forward(realInput, realMasks);
        fakeMasks = Pool.Sample(real.Size).to(real.Masks.device);
        fake = netG.forward(MaskedLatent.Pack(netG.Noise(real.Size), Noisy(fakeMasks)));
        // In this order (D's input, then the masks' noise) so the random draws are those of before R2 needed the masks.
        var fakeInput = options.DInput.Apply(fake.detach());
        var fakeMaskInput = Noisy(fakeMasks);
        var dFake = netD.forward(fakeInput, fakeMaskInput);
        if (mismatch)
        {
            // Each real image with the mask of another image of the batch (a cyclic shift never pairs it with its own).
            var wrong = netD.forward(realInput, realMasks.roll(1, 0));
            dFake = cat([dFake, wrong]);
        }
        var lossD = options.Loss.Discriminator(dReal, dFake, options.Labels.Draw(dReal, dFake));
        return options.CompleteDiscriminatorPhase(lossD, dReal, dFake, x => netD.forward(x, realMasks), real.Images, fake,
            x => netD.forward(x, fakeMaskInput));
    }

    public PhaseResult GeneratorPhase(Batch real)
    {
        // The fakes of D's phase still hold G's graph; they are judged with the masks they were drawn for.
        var images = fake ?? throw new InvalidOperationException("G's phase follows a D phase");
        var masks = fakeMasks!;
        fake = fakeMasks = null;
        var dFake = netD.forward(options.DInput.Apply(images), Noisy(masks));
        var lossG = options.GeneratorLoss(dFake, () => netD.forward(options.DInput.Apply(real.Images), Noisy(real.Masks)));
        lossG.backward();
        using var _ = no_grad();
        return new PhaseResult(lossG, FakeScore: options.Loss.Traits.UsesLabels ? dFake.sigmoid().mean() : dFake.mean());
    }

    /// <summary>Inputs for <paramref name="count"/> samples, with masks drawn from the training masks.</summary>
    public Tensor Noise(long count, Generator? generator = null) => NoiseFor(Pool.Sample(count, generator), generator);

    public Tensor NoiseFor(Tensor masks, Generator? generator = null)
    {
        if (masks.dim() != 4 || masks.shape[1] != 1 || masks.shape[2] != MaskSize || masks.shape[3] != MaskSize)
            throw new ArgumentException($"masks of shape [{string.Join(", ", masks.shape)}]: this generator takes B×1×{MaskSize}×{MaskSize}");
        return MaskedLatent.Pack(netG.Noise(masks.shape[0], generator), masks.to(ComputeDevice.Of(netG)));
    }

    public Tensor Generate(Tensor noise) => netG.forward(noise);

    public nn.Module NewGenerator() => new MaskConditionedGenerator(netG.Config);

    MaskPool Pool => pool ?? throw new InvalidOperationException("this generator draws where a mask says: give it masks (sharpgan sample --mask FILE|FOLDER)");

    Tensor Noisy(Tensor masks) => maskNoise > 0 ? masks.add(randn_like(masks).mul_(maskNoise)) : masks;

    public void Dispose()
    {
        netG.Dispose();
        netD.Dispose();
        pool?.Dispose();
    }
}
