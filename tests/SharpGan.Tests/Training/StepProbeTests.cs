using SharpGan.Config;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

/// <summary>A run's probe is remembered per recipe: what sets a step's cost makes a new key, nothing else does.</summary>
public class StepProbeTests
{
    static readonly SharpGanConfig Base = new();

    [Fact]
    public void Paths_seed_length_learning_rates_and_reporting_keep_the_key()
    {
        var other = Base with
        {
            Data = Base.Data with { Path = "elsewhere" },
            Train = Base.Train with { Seed = 9, Epochs = 3, Minutes = 2, LrG = 1e-3, LrD = 1e-3, Beta1 = 0, SampleCount = 9, CheckpointEvery = 1 },
            Output = new OutputConfig { Dir = "runs/x", Gif = false },
            Eval = new EvalConfig { Every = 5 },
        };
        Assert.Equal(StepProbe.RecipeKey(Base), StepProbe.RecipeKey(other));
    }

    [Fact]
    public void The_network_batch_loss_and_tricks_each_make_a_new_key()
    {
        var keys = new[]
        {
            Base,
            Base with { Model = Base.Model with { Architecture = "r3gan" } },
            Base with { Model = Base.Model with { ImageSize = 64 } },
            Base with { Train = Base.Train with { BatchSize = 64 } },
            Base with { Train = Base.Train with { Loss = "hinge" } },
            Base with { Tricks = Base.Tricks with { R1Gamma = 1 } },
        }.Select(StepProbe.RecipeKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
