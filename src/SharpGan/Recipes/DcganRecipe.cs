using SharpGan.Data;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Recipes;

/// <summary>
/// What every recipe on a generator/discriminator pair (of any <c>model.architecture</c>) shares: the two networks, the options, sampling from G and disposal. A recipe
/// adds its two phases (and, when G takes more than noise, its own generator inputs).
/// </summary>
internal abstract class DcganRecipe(GeneratorNetwork netG, DiscriminatorNetwork netD, RecipeOptions options) : IGanRecipe
{
    protected GeneratorNetwork NetG { get; } = netG;
    protected DiscriminatorNetwork NetD { get; } = netD;
    protected RecipeOptions Options { get; } = options;

    public nn.Module Generator => NetG;
    public nn.Module Discriminator => NetD;
    public DiscriminatorInput DInput => Options.DInput;

    public abstract PhaseResult DiscriminatorPhase(Batch real);
    public abstract PhaseResult GeneratorPhase(Batch real);

    public virtual Tensor Noise(long count, Generator? generator = null) => NetG.Noise(count, generator);

    public Tensor Generate(Tensor noise) => NetG.forward(noise);

    public nn.Module NewGenerator() => Networks.Generator(NetG.Config);

    public void Dispose()
    {
        NetG.Dispose();
        NetD.Dispose();
    }
}
