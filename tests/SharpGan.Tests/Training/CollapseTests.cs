using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Training;

public class CollapseTests
{
    /// <summary>A recipe whose D loss turns NaN on one chosen D phase, as a blown-up run's would.</summary>
    sealed class PoisonedRecipe(IGanRecipe inner, int poisonedPhase) : IGanRecipe
    {
        int phases;
        public nn.Module Generator => inner.Generator;
        public nn.Module Discriminator => inner.Discriminator;
        public DiscriminatorInput DInput => inner.DInput;
        public PhaseResult DiscriminatorPhase(Batch real)
        {
            var result = inner.DiscriminatorPhase(real);
            return ++phases == poisonedPhase ? result with { Loss = tensor(float.NaN) } : result;
        }
        public PhaseResult GeneratorPhase(Batch real) => inner.GeneratorPhase(real);
        public Tensor Noise(long count, Generator? generator = null) => inner.Noise(count, generator);
        public Tensor Generate(Tensor noise) => inner.Generate(noise);
        public nn.Module NewGenerator() => inner.NewGenerator();
        public void Dispose() => inner.Dispose();
    }

    sealed class Recorder : ITrainingSink
    {
        public List<CollapseReport> Collapses { get; } = [];
        public void OnEpoch(EpochReport report) { }
        public void OnCollapse(CollapseReport report) => Collapses.Add(report);
    }

    static (Trainer Trainer, Recorder Sink) Open(SharpGanConfig config, int poisonedPhase)
    {
        var (images, _) = ImageFolder.Load(config.Data, config.Model.ImageSize);
        manual_seed(config.Train.Seed);
        var recipe = new PoisonedRecipe(GanKinds.CreateRecipe(config), poisonedPhase);
        var sink = new Recorder();
        return (new Trainer(config, recipe, new BatchLoader(images, config.Train.BatchSize, config.Train.Seed), [sink]), sink);
    }

    [Fact]
    public void A_nan_loss_stops_the_run_within_its_epoch_and_keeps_the_good_checkpoint()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 4) with { Collapse = new CollapseConfig { Action = CollapseAction.Stop } };
        var (trainer, sink) = Open(config, poisonedPhase: 8);   // 3 steps an epoch: phase 8 is epoch 3, step 2
        TrainOutcome outcome;
        using (trainer) outcome = trainer.Run();

        Assert.Equal(TrainOutcome.Collapsed, outcome);
        var report = Assert.Single(sink.Collapses);
        Assert.Equal(3, report.Epoch);
        Assert.Contains("non-finite", report.Reason);
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal((3, 0, 6L), (checkpoint.State.Epoch, checkpoint.State.StepInEpoch, checkpoint.State.Step));
        Assert.All(checkpoint.State.History, e => Assert.True(double.IsFinite(e.LossD)));
    }

    [Fact]
    public void A_nan_loss_rolls_back_to_the_last_good_checkpoint_with_a_lower_learning_rate()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 4) with { Collapse = new CollapseConfig { Action = CollapseAction.Rollback } };
        var (trainer, sink) = Open(config, poisonedPhase: 8);
        TrainOutcome outcome;
        using (trainer) outcome = trainer.Run();

        Assert.Equal(TrainOutcome.Completed, outcome);
        Assert.Equal(CollapseAction.Rollback, Assert.Single(sink.Collapses).Action);
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal(4, checkpoint.State.History.Count);
        Assert.Equal((1, 0.5), (checkpoint.State.Rollbacks, checkpoint.State.LrScale));
        Assert.Equal(Enumerable.Range(1, 4), checkpoint.State.History.Select(e => e.Epoch));
    }

    [Fact]
    public void A_discriminator_that_always_wins_trips_the_watch()
    {
        var history = Enumerable.Range(1, 5).Select(e => new EpochStats(e, e, 0.01, 6, 0.99, 0.01, e >= 3 ? 1.0 : 0.9, 1)).ToList();
        var watch = new CollapseConfig { Epochs = 3, Accuracy = 0.99 };
        Assert.NotNull(SharpGan.Training.Tricks.CollapseWatch.DiscriminatorWins(history, watch));
        Assert.Null(SharpGan.Training.Tricks.CollapseWatch.DiscriminatorWins(history[..4], watch));
        Assert.Equal(3, SharpGan.Training.Tricks.CollapseWatch.Streak(history, watch));
    }
}
