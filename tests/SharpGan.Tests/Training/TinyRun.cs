using SharpGan.Config;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

/// <summary>The smallest real run: the 8 fixture flowers at 32 px through a DCGAN with 8 filters.</summary>
static class TinyRun
{
    public static SharpGanConfig Config(string outputDir, int epochs = 2, bool deterministic = true) => new()
    {
        Data = new DataConfig { Path = Repo.Fixture("tiny"), RotateDegrees = 5 },
        Model = new ModelConfig { ImageSize = 32, Ngf = 8, Ndf = 8 },
        Train = new TrainConfig { Epochs = epochs, BatchSize = 3, SampleCount = 4, CheckpointEvery = 1, Deterministic = deterministic, Seed = 11 },
        Output = new OutputConfig { Dir = outputDir, TensorBoard = false, Gif = false },
    };

    /// <summary><paramref name="config"/> at constant learning rates: tricks.lr_ramp_down counts from train.epochs, so
    /// a run resumed with more epochs than it began with equals the straight run only without it.</summary>
    public static SharpGanConfig Extendable(SharpGanConfig config) => config with { Tricks = config.Tricks with { LrRampDown = 0 } };

    /// <summary>Trains <paramref name="config"/> (from <paramref name="resume"/> when given) and returns every weight
    /// and buffer of G and D as bytes, for exact-resume comparisons.</summary>
    public static Dictionary<string, byte[]> TrainAndReadWeights(SharpGanConfig config, Checkpoint? resume, IReadOnlyList<ITrainingSink>? sinks = null)
    {
        var (trainer, _) = TrainingSession.Open(config, sinks ?? [], resume);
        using (trainer) trainer.Run();
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        using var recipe = GanKinds.CreateRecipe(checkpoint.Config);
        checkpoint.RestoreNetworks(recipe);
        return recipe.Generator.state_dict().Select(p => ("G." + p.Key, p.Value))
            .Concat(recipe.Discriminator.state_dict().Select(p => ("D." + p.Key, p.Value)))
            .ToDictionary(p => p.Item1, p => p.Value.bytes.ToArray());
    }
}
