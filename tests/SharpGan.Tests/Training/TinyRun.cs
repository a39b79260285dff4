using SharpGan.Config;

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
}
