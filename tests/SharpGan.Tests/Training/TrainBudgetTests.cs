using SharpGan.Training;

namespace SharpGan.Tests.Training;

/// <summary>train.minutes ends a run on training time, for comparing recipes at equal compute.</summary>
public class TrainBudgetTests
{
    [Fact]
    public void A_spent_budget_ends_the_run_at_the_step_that_spent_it_closing_that_epoch_with_a_checkpoint()
    {
        using var dir = new TempDir();
        var config = TinyRun.Config(dir["run"], epochs: 50);
        config = config with { Train = config.Train with { Minutes = 1e-6 } };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer)
            Assert.Equal(TrainOutcome.Completed, trainer.Run());
        var checkpoint = Checkpoint.Read(RunCheckpoints.LastOf(dir["run"]));
        Assert.Single(checkpoint.State.History);
        Assert.Equal(1, checkpoint.State.Step);   // the tiny set has 3 steps an epoch; the first spent the budget
        Assert.Contains("budget spent after epoch 1", File.ReadAllText(Path.Combine(dir["run"], RunFolder.LogFile)));
    }
}
