using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Checkpoint_round_trip_gives_identical_generator_outputs()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir.Path, epochs: 1);
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();

        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal(ConfigLoader.ToJson(GanKinds.Resolve(config)), ConfigLoader.ToJson(checkpoint.Config));   // auto tricks as decided
        Assert.Single(checkpoint.State.History);
        using var first = new Sampler(checkpoint);
        using var second = new Sampler(Checkpoint.Read(trainer.CheckpointPath));
        Assert.Equal(first.Grid(4, seed: 3).Pixels, second.Grid(4, seed: 3).Pixels);
        Assert.NotEqual(first.Grid(4, seed: 3).Pixels, first.Grid(4, seed: 4).Pixels);
    }

    [Fact]
    public void Two_epochs_then_resume_for_two_more_equals_four_straight()
    {
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        var straight = TinyRun.TrainAndReadWeights(TinyRun.Extendable(TinyRun.Config(straightDir.Path, epochs: 4)), resume: null);

        var half = TinyRun.Extendable(TinyRun.Config(resumedDir.Path, epochs: 2));
        var (first, _) = TrainingSession.Open(half, []);
        using (first) first.Run();
        var checkpoint = Checkpoint.Read(first.CheckpointPath);
        var resumed = TinyRun.TrainAndReadWeights(checkpoint.Config with { Train = checkpoint.Config.Train with { Epochs = 4 } }, checkpoint);

        Assert.Equal(straight.Keys, resumed.Keys);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(resumed[name]), $"{name} differs after resume");
    }

    [Fact]
    public void An_interrupted_epoch_resumes_mid_epoch_exactly()
    {
        using var straightDir = new TempDir();
        using var resumedDir = new TempDir();
        var config = TinyRun.Config(straightDir.Path, epochs: 2);
        var straight = TinyRun.TrainAndReadWeights(config, resume: null);

        var interrupted = config with { Output = config.Output with { Dir = resumedDir.Path } };
        var (trainer, _) = TrainingSession.Open(interrupted, []);
        using var stop = new CancellationTokenSource();
        TrainOutcome outcome;
        using (trainer)
            outcome = trainer.Run(new ProgressCallback(p => { if (p.Step == 4) stop.Cancel(); }), stop.Token);
        Assert.Equal(TrainOutcome.Interrupted, outcome);
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        Assert.Equal((2, 1, 4L), (checkpoint.State.Epoch, checkpoint.State.StepInEpoch, checkpoint.State.Step));

        var resumed = TinyRun.TrainAndReadWeights(checkpoint.Config, checkpoint);
        foreach (var name in straight.Keys)
            Assert.True(straight[name].SequenceEqual(resumed[name]), $"{name} differs after a mid-epoch resume");
    }


    [Fact]
    public void Deterministic_mode_runs_on_one_thread()
    {
        TrainingSession.ConfigureThreads(new TrainConfig { Deterministic = true });
        Assert.Equal(1, get_num_threads());
        TrainingSession.ConfigureThreads(new TrainConfig { Threads = 2 });
        Assert.Equal(2, get_num_threads());
    }
}
