using SharpGan.Data;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// What every recipe on a DCGAN pair shares: the two networks, the options, sampling from G and disposal. A recipe
/// adds its two phases (and, when G takes more than noise, its own generator inputs).
/// </summary>
public abstract class DcganRecipe(DcganGenerator netG, DcganDiscriminator netD, RecipeOptions options) : IGanRecipe
{
    protected DcganGenerator NetG { get; } = netG;
    protected DcganDiscriminator NetD { get; } = netD;
    protected RecipeOptions Options { get; } = options;

    public nn.Module Generator => NetG;
    public nn.Module Discriminator => NetD;
    public DiscriminatorInput DInput => Options.DInput;

    public abstract PhaseResult DiscriminatorPhase(Batch real);
    public abstract PhaseResult GeneratorPhase(Batch real);

    public virtual Tensor Noise(long count, Generator? generator = null) => NetG.Noise(count, generator);

    public Tensor Generate(Tensor noise) => NetG.forward(noise);

    public nn.Module NewGenerator() => new DcganGenerator(NetG.Config);

    public void Dispose()
    {
        NetG.Dispose();
        NetD.Dispose();
    }
}
