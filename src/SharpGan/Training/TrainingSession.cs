using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using TorchSharp;

namespace SharpGan.Training;

/// <summary>Puts a run together in the order that fails cheapest first: names, then data, then networks.</summary>
public static class TrainingSession
{
    public static (Trainer Trainer, DecodeReport Report) Open(SharpGanConfig config, IReadOnlyList<ITrainingSink> sinks,
        Checkpoint? resume = null, CancellationToken cancel = default)
    {
        RecipeRegistry.Check(config);
        var (images, report) = ImageFolder.Load(config.Data, config.Model.ImageSize, cancel);
        (config, images, var dropped) = RunLabels.Attach(config, images);
        report = report with { Dropped = dropped };
        ConfigureThreads(config.Train);
        var compute = ComputeChoice.ForThisMachine(config.Train.Precision, config.Train.Layout, config.Train.Deterministic);
        torch.manual_seed(config.Train.Seed);
        var recipe = RecipeRegistry.Create(config, config.Model.Conditioning == "mask" ? MaskPool.From(images) : null);
        var loader = new BatchLoader(images, config.Train.BatchSize, config.Train.Seed);
        return (new Trainer(config, recipe, loader, sinks, resume, compute), report);
    }

    /// <summary>Parallel reductions split by thread count, so their rounding depends on it: deterministic runs use one.</summary>
    public static void ConfigureThreads(TrainConfig train) =>
        torch.set_num_threads(train.Deterministic ? 1 : train.Threads > 0 ? train.Threads : Environment.ProcessorCount);
}
