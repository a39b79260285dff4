using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using static TorchSharp.torch;

namespace SharpGan.Tests.Recipes.Kinds;

/// <summary>
/// A GAN kind that lives only in the tests, in this one file, to show that a kind is one file plus one registry
/// line: DCGAN whose G phase judges fresh fakes instead of reusing D's.
/// </summary>
sealed class FreshFakesKind : IGanKind
{
    public string Name => "test-fresh-fakes";
    public KindData Data => KindData.Images;
    public KindSampling Sampling => KindSampling.Noise;
    public KindTricks Tricks => KindTricks.None;

    public void Check(SharpGanConfig config, Action<bool, string> check) =>
        check(config.Data.Labels == "none", $"model.conditioning {Name} takes no labels: set data.labels = none");

    public IGanRecipe CreateRecipe(SharpGanConfig config, MaskPool? masks = null, PairedSet? heldOut = null) =>
        new Recipe(config.Model, RecipeOptions.From(config));

    sealed class Recipe(ModelConfig model, RecipeOptions options)
        : DcganRecipe(Networks.Generator(model), Networks.Discriminator(model), options)
    {
        public override PhaseResult DiscriminatorPhase(Batch real)
        {
            var dReal = NetD.forward(Options.DInput.Apply(real.Images));
            var fake = NetG.forward(NetG.Noise(real.Size));
            var dFake = NetD.forward(Options.DInput.Apply(fake.detach()));
            var lossD = Options.Loss.Discriminator(dReal, dFake, Options.Labels.Draw(dReal, dFake));
            return Options.CompleteDiscriminatorPhase(lossD, dReal, dFake, NetD.forward, real.Images, fake);
        }

        public override PhaseResult GeneratorPhase(Batch real)
        {
            var dFake = NetD.forward(Options.DInput.Apply(NetG.forward(NetG.Noise(real.Size))));
            var lossG = Options.Loss.Generator(dFake);
            lossG.backward();
            return new PhaseResult(lossG);
        }
    }
}
