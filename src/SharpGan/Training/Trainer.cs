using System.Diagnostics;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Data.Augment;
using SharpGan.Losses;
using SharpGan.Models;
using SharpGan.Native;
using SharpGan.Recipes;
using SharpGan.Training.Tricks;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// Runs a recipe over epochs. Every batch is one step with a D phase; after the D:G schedule's number of D phases
/// (1, the configured ratio, or WGAN's 100/5 critic schedule) come the G phases. Around that the trainer sets
/// per-epoch learning rates and instance noise, clips a WGAN critic, keeps the EMA of G, draws the fixed-noise grid,
/// writes checkpoints, watches for collapse and tells the sinks.
/// </summary>
public sealed class Trainer : IDisposable, ISampleSource, ICheckpointSource
{
    /// <summary>Rollbacks after which a collapsing run is stopped instead.</summary>
    public const int MaxRollbacks = 3;

    readonly SharpGanConfig config;
    readonly IGanRecipe recipe;
    readonly BatchLoader loader;
    readonly IReadOnlyList<ITrainingSink> sinks;
    readonly TorchSharp.Modules.OptimizerHelper optimizerG, optimizerD;
    readonly EmaGenerator? ema;
    readonly LossTraits lossTraits;
    Tensor fixedNoise;

    public string RunDirectory { get; }
    public TrainState State { get; private set; }
    /// <summary>The layout and precision the networks compute in, and why.</summary>
    public ComputeChoice Compute { get; }
    /// <summary>Where the networks and every tensor of a step live (<c>train.device</c>).</summary>
    public Device Device { get; }
    public string CheckpointPath => RunCheckpoints.LastOf(RunDirectory);

    /// <summary>
    /// A fresh run, or one resumed from <paramref name="resume"/> exactly where it stopped, computing under
    /// <paramref name="compute"/> (fp32 NCHW when not given) on <paramref name="device"/> (the CPU when not given).
    /// </summary>
    internal Trainer(SharpGanConfig config, IGanRecipe recipe, BatchLoader loader, IReadOnlyList<ITrainingSink> sinks,
        Checkpoint? resume = null, ComputeChoice? compute = null, Device? device = null)
    {
        this.config = config;
        this.recipe = recipe;
        this.loader = loader;
        this.sinks = sinks;
        RunDirectory = config.Output.Dir;
        lossTraits = LossRegistry.Create(config.Train.Loss).Traits;
        Compute = compute ?? new ComputeChoice(ComputePolicy.Fp32Nchw, "default");
        Device = device ?? CPU;
        // Before the optimisers: their state is made beside the parameters.
        recipe.Generator.to(Device);
        recipe.Discriminator.to(Device);
        var t = config.Train;
        optimizerG = Optimizers.Make(recipe.Generator, t.LrG, t);
        optimizerD = Optimizers.Make(recipe.Discriminator, t.LrD, t);
        if (config.Tricks.Ema > 0 || config.Tricks.EmaKimg > 0)
            ema = new EmaGenerator(recipe.NewGenerator().to(Device), config.Tricks.Ema);
        ComputeLayers.Apply(recipe.Generator, Compute.Policy);
        ComputeLayers.Apply(recipe.Discriminator, Compute.Policy);
        if (ema is not null) ComputeLayers.Apply(ema.Shadow, Compute.Policy);
        if (resume is null)
        {
            State = new TrainState { Ada = new AdaState(config.Tricks.AdaP) };
            using var generator = new Generator((ulong)t.Seed);
            long gridCount = recipe.GridCount(t.SampleCount);
            fixedNoise = recipe.Noise(gridCount, generator).DetachFromDisposeScope();
            ema?.Reset(recipe.Generator);
        }
        else
        {
            State = resume.State;
            fixedNoise = Restore(resume);
        }
    }

    public long TotalSteps => (long)config.Train.Epochs * loader.StepsPerEpoch;

    /// <summary>train.minutes in seconds; 0 without a budget.</summary>
    public double BudgetSeconds => config.Train.Minutes * 60;

    /// <summary>The recipe and a first batch of the data, for tests that drive the phases themselves.</summary>
    internal (IGanRecipe Recipe, HostBatch Batch) Parts => (recipe, loader.Epoch(1).First());

    public TrainOutcome Run(IProgress<TrainProgress>? progress = null, CancellationToken cancel = default)
    {
        var run = new RunInfo(RunDirectory, config);
        Directory.CreateDirectory(RunDirectory);
        File.WriteAllText(Path.Combine(RunDirectory, RunFolder.ConfigFile), ConfigLoader.ToJson(config));
        Log($"cpu {CpuFlags.Current}, {get_num_threads()} threads; device {Device.type.ToString().ToLowerInvariant()}; compute {Compute}");
        foreach (var sink in sinks) sink.OnStart(run);
        if (config.Collapse.Action == CollapseAction.Rollback && !File.Exists(CheckpointPath))
            SaveCheckpoint();   // a rollback always needs somewhere to go back to

        var outcome = TrainOutcome.Completed;
        while (State.Epoch <= config.Train.Epochs)
        {
            var (ended, collapse) = RunEpoch(progress, cancel);
            if (collapse is not null && !Handle(collapse))
            {
                outcome = TrainOutcome.Collapsed;
                break;
            }
            if (!ended && collapse is null)
            {
                outcome = TrainOutcome.Interrupted;
                break;
            }
            if (BudgetSpent())
            {
                Log($"train.minutes = {config.Train.Minutes}: budget spent after epoch {State.Epoch - 1}");
                break;
            }
        }
        if (outcome != TrainOutcome.Collapsed)
            SaveCheckpoint();   // a collapsed state is never written over the last good checkpoint
        foreach (var sink in sinks) sink.OnFinish(run, outcome);
        return outcome;
    }

    /// <summary>Trains the rest of the current epoch. Ended = the epoch completed; a collapse reason stops it early.</summary>
    (bool Ended, string? Collapse) RunEpoch(IProgress<TrainProgress>? progress, CancellationToken cancel)
    {
        int epoch = State.Epoch, steps = loader.StepsPerEpoch;
        SetLearningRates(epoch);
        recipe.DInput.NoiseSigma = InstanceNoise.Sigma(config.Tricks, epoch, config.Train.Epochs);
        recipe.Generator.train();
        recipe.Discriminator.train();
        var clock = Stopwatch.StartNew();
        var idle = Stopwatch.StartNew();
        foreach (var host in loader.Epoch(epoch, State.StepInEpoch, cancel))
        {
            if (cancel.IsCancellationRequested) return (false, null);
            // From the end of the last step's bookkeeping to here, the trainer waited for the loader's background gathering.
            StepProfile.Add("loader wait", idle.Elapsed.TotalSeconds);
            clock.Restart();
            if (config.Train.Minutes > 0)
                SetLearningRates(epoch);   // under a time budget the ramp-down follows the clock: set again before every step
            StepStats stats;
            long images;
            using (NoCollectionRegion.Enter())
            using (NewDisposeScope())
            {
                Batch batch;
                using (StepProfile.Time("batch to tensors, flips, layout"))
                    batch = Augment(host.ToBatch().To(Device));
                images = batch.Size;
                stats = Step(batch);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            StepProfile.EndStep();
            if (CollapseWatch.NonFinite(stats) is { } reason)
                return (false, reason);
            State = State with
            {
                StepInEpoch = State.StepInEpoch + 1,
                Step = State.Step + 1,
                Ada = AdaController.Observe(config.Tricks, State.Ada, State.Step + 1, stats.RealSign, images),
                Images = State.Images + images,
                GSteps = State.GSteps + (stats.HasG ? config.Tricks.GSteps : 0),
                DStepsSinceG = stats.HasG ? 0 : State.DStepsSinceG + 1,
                Current = State.Current.Add(stats, seconds),
            };
            progress?.Report(new TrainProgress(epoch, config.Train.Epochs, State.StepInEpoch, steps, State.Step, TotalSteps,
                stats.LossD, stats.LossG, images / seconds));
            idle.Restart();
            if (BudgetSpent()) break;   // the budget's last epoch ends short, so a slow recipe gets no more time than a fast one
        }
        if (cancel.IsCancellationRequested && State.StepInEpoch < steps) return (false, null);
        return (true, EndEpoch(epoch));
    }

    /// <summary>
    /// (1) Update D: maximise log D(x) + log(1 − D(G(z))). (2) Once D has had its steps, update G: maximise log D(G(z)).
    /// </summary>
    StepStats Step(Batch batch)
    {
        using (StepProfile.Time("optimiser: clear gradients"))
            Optimizers.ClearGradients(optimizerD);
        recipe.DInput.DStep = State.Step;
        recipe.DInput.AdaP = AdaController.P(config.Tricks, State.Ada, State.Images);
        PhaseResult d;
        // Each phase shares its weight copies between forwards; both scopes close before their optimiser step.
        using (WeightCopies.Share())
        using (StepProfile.Time("D phase (all of it)"))
            d = recipe.DiscriminatorPhase(batch);
        using (StepProfile.Time("optimiser: D step"))
            Optimizers.Step(optimizerD);
        if (lossTraits.ClipsWeights)
            WeightClip.Apply(recipe.Discriminator, config.Wgan.Clip);

        bool gTurn = State.DStepsSinceG + 1 >= CriticSchedule.DStepsBefore(State.GSteps, lossTraits.Pace, config);
        double lossG = double.NaN;
        for (int k = 0; gTurn && k < config.Tricks.GSteps; k++)
        {
            using (StepProfile.Time("optimiser: clear gradients"))
                Optimizers.ClearGradients(optimizerG);
            using (WeightCopies.Share())
            using (StepProfile.Time("G phase (all of it)"))
            using (FrozenParameters.Of(recipe.Discriminator))   // G's backward then skips D's weight gradients
                lossG = recipe.GeneratorPhase(batch).Loss.item<float>();
            using (StepProfile.Time("optimiser: G step"))
                Optimizers.Step(optimizerG);
            using (StepProfile.Time("EMA update"))
                ema?.Update(recipe.Generator, EmaGenerator.Beta(config.Tricks, batch.Size, State.Images));
        }
        return new StepStats(d.Loss.item<float>(), lossG, Item(d.RealScore), Item(d.FakeScore), Item(d.Accuracy), gTurn, Item(d.RealSign));
    }

    /// <summary>On-the-fly augmentation, then the policy's layout: the one conversion a batch gets. Pairs get
    /// pix2pix's jitter, the same for both halves, instead of the flips.</summary>
    Batch Augment(Batch batch)
    {
        if (batch.Inputs is { } inputs)
        {
            var (input, target) = config.Data.Jitter ? PairJitter.Apply(inputs, batch.Images) : (inputs, batch.Images);
            return batch with { Inputs = Compute.Policy.Input(input), Images = Compute.Policy.Input(target) };
        }
        var augmented = FlipRotate.Apply(batch, config.Data.FlipHorizontal, config.Data.FlipVertical, config.Data.RotateDegrees);
        return augmented with { Images = Compute.Policy.Input(augmented.Images) };
    }

    /// <summary>Closes the epoch: history, grid, sinks, checkpoint; returns a collapse reason when the watch fires.</summary>
    string? EndEpoch(int epoch)
    {
        var stats = State.Current.Mean(epoch, State.Step, State.GSteps, AdaController.P(config.Tricks, State.Ada, State.Images));
        var history = State.History.Append(stats).ToList();
        State = State with { Epoch = epoch + 1, StepInEpoch = 0, Current = new EpochAccumulator(), History = history };
        var report = new EpochReport(stats, history, SampleGrid(), this, this);
        foreach (var sink in sinks) sink.OnEpoch(report);
        int streak = CollapseWatch.Streak(history, config.Collapse);
        // Only healthy epochs are checkpointed, so a rollback lands before the collapse began.
        if (epoch % config.Train.CheckpointEvery == 0 && epoch < config.Train.Epochs && (config.Collapse.Epochs == 0 || streak == 0))
            SaveCheckpoint();
        return streak == config.Collapse.Epochs ? CollapseWatch.DiscriminatorWins(history, config.Collapse) : null;
    }

    /// <summary>train.minutes is spent: the steps of every finished epoch and of the one in progress.</summary>
    bool BudgetSpent() => config.Train.Minutes > 0 && TrainedSeconds >= config.Train.Minutes * 60;

    /// <summary>Seconds of steps over every life of the run, the current epoch's included: what train.minutes counts.</summary>
    public double TrainedSeconds => State.History.Sum(e => e.Seconds) + State.Current.Seconds;

    /// <summary>Tells the sinks and applies the configured action; false when the run must stop.</summary>
    bool Handle(string reason)
    {
        bool nonFinite = !reason.StartsWith("D accuracy", StringComparison.Ordinal);
        var action = config.Collapse.Action;
        if (action == CollapseAction.Rollback && State.Rollbacks >= MaxRollbacks)
            action = CollapseAction.Stop;
        if (action == CollapseAction.Warn && nonFinite)
            action = CollapseAction.Stop;   // NaN weights cannot train on
        var grid = nonFinite ? new RgbImage(1, 1, [0, 0, 0]) : SampleGrid();
        foreach (var sink in sinks) sink.OnCollapse(new CollapseReport(State.Epoch, State.Step, reason, action, grid));
        switch (action)
        {
            case CollapseAction.Warn:
                return true;
            case CollapseAction.Rollback:
                var state = State;
                var checkpoint = RunCheckpoints.Load(RunDirectory);
                if (checkpoint.Notice is { } notice) Log(notice);
                fixedNoise.Dispose();
                fixedNoise = Restore(checkpoint);
                State = checkpoint.State with { LrScale = state.LrScale * config.Collapse.RollbackLrFactor, Rollbacks = state.Rollbacks + 1 };
                return true;
            default:
                return false;
        }
    }

    Tensor Restore(Checkpoint checkpoint)
    {
        checkpoint.RestoreNetworks(recipe);
        // No dispose scope around the restore: what it loads into the optimisers must outlive this call.
        var noise = checkpoint.RestoreTraining(optimizerG, optimizerD, ema?.Shadow).DetachFromDisposeScope();
        if (ComputeDevice.Same(noise.device, Device)) return noise;
        using (noise) return noise.to(Device).DetachFromDisposeScope();
    }

    void SetLearningRates(int epoch)
    {
        double share = config.Tricks.LrRampDown;
        // Whichever ends the run, train.epochs or train.minutes, the rates are ramped down towards it.
        double ramp = Math.Min(RampDown(epoch, config.Train.Epochs, share), RampDown(TrainedSeconds, config.Train.Minutes * 60, share));
        double factor = Math.Pow(config.Tricks.LrDecay, epoch - 1) * ramp * State.LrScale;
        foreach (var group in optimizerG.ParamGroups) group.LearningRate = config.Train.LrG * factor;
        foreach (var group in optimizerD.ParamGroups) group.LearningRate = config.Train.LrD * factor;
    }

    /// <summary>The learning rates' factor in <paramref name="epoch"/> (1-based) of <paramref name="epochs"/> under
    /// tricks.lr_ramp_down: 1 until the last ⌈share × epochs⌉ epochs, then falling by equal steps to 1/(n + 1) in the
    /// last, so no epoch trains at 0.</summary>
    internal static double RampDown(int epoch, int epochs, double share)
    {
        int n = (int)Math.Ceiling(share * epochs);
        int left = epochs - epoch + 1;
        return n == 0 || left > n ? 1 : (double)Math.Max(left, 1) / (n + 1);
    }

    /// <summary>The same ramp under train.minutes, by the clock: 1 until the last share of the budget, then falling
    /// linearly to 0 at its end (never reached: the run stops at the step that spends it); 1 without a budget.</summary>
    internal static double RampDown(double seconds, double budget, double share)
    {
        double ramp = share * budget;
        return ramp <= 0 ? 1 : Math.Clamp((budget - seconds) / ramp, 0, 1);
    }

    /// <summary>
    /// The fixed noise through G (its EMA when kept) as one picture, drawn as pytorch/examples draws it: in train
    /// mode, so BatchNorm uses the grid's own statistics (early running averages would show grey squares), without
    /// touching the running statistics that eval-mode sampling uses later.
    /// </summary>
    public RgbImage SampleGrid()
    {
        using var region = NoCollectionRegion.Enter();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var generator = ema?.Shadow ?? recipe.Generator;
        using var keep = BufferSnapshot.Of(generator);
        generator.train();
        var images = ((nn.Module<Tensor, Tensor>)generator).forward(fixedNoise);
        var (tiles, columns) = recipe.Grid(fixedNoise, images);
        return ImageTensors.ToGrid(tiles, columns);
    }

    /// <summary>Samples for metrics: G (its EMA when kept) in eval mode, as <c>sharpgan sample</c> draws them.
    /// The next epoch puts G back in train mode.</summary>
    public IEnumerable<Func<Tensor>> Batches(int count, long seed, int batch = 256)
    {
        var generator = (nn.Module<Tensor, Tensor>)(ema?.Shadow ?? recipe.Generator);
        generator.eval();
        return NoiseBatches.Of((n, random) => generator.forward(recipe.Noise(n, random)), count, seed, batch);
    }

    /// <summary>Writes <c>checkpoints/last.ckpt</c>, keeping the one before as <c>previous.ckpt</c>.</summary>
    public void SaveCheckpoint() =>
        Checkpoint.Save(CheckpointPath, config, State, recipe, optimizerG, optimizerD, fixedNoise, ema?.Shadow, Compute,
            keepPreviousAs: RunCheckpoints.PreviousOf(RunDirectory));

    public void SaveCheckpointAs(string path) =>
        Checkpoint.Save(path, config, State, recipe, optimizerG, optimizerD, fixedNoise, ema?.Shadow, Compute);

    /// <summary>Appends a line to the run's run.log: starts, resumes, fallbacks — what a person reads after the fact.</summary>
    public void Log(string line)
    {
        Directory.CreateDirectory(RunDirectory);
        File.AppendAllText(Path.Combine(RunDirectory, RunFolder.LogFile), $"{DateTime.UtcNow:u} epoch {State.Epoch} step {State.Step}: {line}\n");
    }

    static double Item(Tensor? t) => t is null ? double.NaN : t.item<float>();

    public void Dispose()
    {
        optimizerG.Dispose();
        optimizerD.Dispose();
        fixedNoise.Dispose();
        ema?.Dispose();
        recipe.Dispose();
    }
}
