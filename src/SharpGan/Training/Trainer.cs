using System.Diagnostics;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Data.Augment;
using SharpGan.Models;
using SharpGan.Recipes;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// Runs a recipe over epochs: schedules its phases, steps the optimisers, keeps the fixed-noise grid, writes
/// checkpoints and tells the sinks. One step = one D phase then one G phase, as in pytorch/examples.
/// </summary>
public sealed class Trainer : IDisposable
{
    readonly SharpGanConfig config;
    readonly IGanRecipe recipe;
    readonly BatchLoader loader;
    readonly IReadOnlyList<ITrainingSink> sinks;
    readonly TorchSharp.Modules.OptimizerHelper optimizerG, optimizerD;
    readonly Tensor fixedNoise;

    public string RunDirectory { get; }
    public TrainState State { get; private set; }
    public string CheckpointPath => Path.Combine(RunDirectory, "checkpoints", "last.ckpt");

    /// <summary>A fresh run, or one resumed from <paramref name="resume"/> exactly where it stopped.</summary>
    public Trainer(SharpGanConfig config, IGanRecipe recipe, BatchLoader loader, IReadOnlyList<ITrainingSink> sinks, Checkpoint? resume = null)
    {
        this.config = config;
        this.recipe = recipe;
        this.loader = loader;
        this.sinks = sinks;
        RunDirectory = config.Output.Dir;
        var t = config.Train;
        optimizerG = optim.Adam(recipe.Generator.parameters(), t.LrG, t.Beta1, t.Beta2);
        optimizerD = optim.Adam(recipe.Discriminator.parameters(), t.LrD, t.Beta1, t.Beta2);
        if (resume is null)
        {
            State = new TrainState();
            using var generator = new Generator((ulong)t.Seed);
            fixedNoise = recipe.Noise(t.SampleCount, generator).DetachFromDisposeScope();
        }
        else
        {
            State = resume.State;
            resume.RestoreNetworks(recipe);
            fixedNoise = resume.RestoreTraining(optimizerG, optimizerD).DetachFromDisposeScope();
        }
    }

    public long TotalSteps => (long)config.Train.Epochs * loader.StepsPerEpoch;

    public TrainOutcome Run(IProgress<TrainProgress>? progress = null, CancellationToken cancel = default)
    {
        var run = new RunInfo(RunDirectory, config);
        Directory.CreateDirectory(RunDirectory);
        File.WriteAllText(Path.Combine(RunDirectory, "config.json"), ConfigLoader.ToJson(config));
        foreach (var sink in sinks) sink.OnStart(run);

        var outcome = TrainOutcome.Completed;
        while (State.Epoch <= config.Train.Epochs)
        {
            if (!RunEpoch(progress, cancel))
            {
                outcome = TrainOutcome.Interrupted;
                break;
            }
        }
        SaveCheckpoint();
        foreach (var sink in sinks) sink.OnFinish(run, outcome);
        return outcome;
    }

    /// <summary>Trains the rest of the current epoch; false when cancelled part-way (state saved by the caller).</summary>
    bool RunEpoch(IProgress<TrainProgress>? progress, CancellationToken cancel)
    {
        int epoch = State.Epoch, steps = loader.StepsPerEpoch;
        recipe.Generator.train();
        recipe.Discriminator.train();
        var clock = Stopwatch.StartNew();
        foreach (var host in loader.Epoch(epoch, State.StepInEpoch, cancel))
        {
            if (cancel.IsCancellationRequested) return false;
            clock.Restart();
            StepStats stats;
            long images;
            using (NewDisposeScope())
            {
                var batch = Augment(host.ToBatch());
                images = batch.Size;
                stats = Step(batch);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            State = State with
            {
                StepInEpoch = State.StepInEpoch + 1,
                Step = State.Step + 1,
                Current = State.Current.Add(stats, seconds),
            };
            progress?.Report(new TrainProgress(epoch, config.Train.Epochs, State.StepInEpoch, steps, State.Step, TotalSteps,
                stats.LossD, stats.LossG, images / seconds));
        }
        if (cancel.IsCancellationRequested && State.StepInEpoch < steps) return false;
        EndEpoch(epoch);
        return true;
    }

    /// <summary>(1) Update D: maximise log D(x) + log(1 − D(G(z))). (2) Update G: maximise log D(G(z)).</summary>
    StepStats Step(Batch batch)
    {
        optimizerD.zero_grad();
        var d = recipe.DiscriminatorPhase(batch);
        optimizerD.step();

        optimizerG.zero_grad();
        var g = recipe.GeneratorPhase(batch);
        optimizerG.step();

        return new StepStats(d.Loss.item<float>(), g.Loss.item<float>(), Item(d.RealScore), Item(d.FakeScore), Item(d.Accuracy));
    }

    Batch Augment(Batch batch) =>
        FlipRotate.Apply(batch, config.Data.FlipHorizontal, config.Data.FlipVertical, config.Data.RotateDegrees);

    void EndEpoch(int epoch)
    {
        var stats = State.Current.Mean(epoch, State.Step);
        var history = State.History.Append(stats).ToList();
        State = State with { Epoch = epoch + 1, StepInEpoch = 0, Current = new EpochAccumulator(), History = history };
        var grid = SampleGrid();
        var report = new EpochReport(stats, history, grid);
        foreach (var sink in sinks) sink.OnEpoch(report);
        if (epoch % config.Train.CheckpointEvery == 0 && epoch < config.Train.Epochs)
            SaveCheckpoint();
    }

    /// <summary>
    /// The fixed noise through G as one picture, drawn as pytorch/examples draws it: in train mode, so BatchNorm uses
    /// the grid's own statistics (early running averages would show grey squares), without touching the running
    /// statistics that eval-mode sampling uses later.
    /// </summary>
    public RgbImage SampleGrid()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var keep = BufferSnapshot.Of(recipe.Generator);
        var images = recipe.Generate(fixedNoise);
        return ImageTensors.ToGrid(images, ImageTensors.GridColumns((int)fixedNoise.shape[0]));
    }

    public void SaveCheckpoint() =>
        Checkpoint.Save(CheckpointPath, config, State, recipe, optimizerG, optimizerD, fixedNoise);

    static double Item(Tensor? t) => t is null ? double.NaN : t.item<float>();

    public void Dispose()
    {
        optimizerG.Dispose();
        optimizerD.Dispose();
        fixedNoise.Dispose();
        recipe.Dispose();
    }
}
