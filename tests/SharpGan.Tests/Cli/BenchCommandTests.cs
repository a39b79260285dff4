namespace SharpGan.Tests.Cli;

/// <summary><c>sharpgan bench --config</c>: a recipe of the user's timed, or one line saying why not.</summary>
public class BenchCommandTests
{
    [Fact]
    public async Task A_residual_recipes_profile_splits_its_step_with_its_penalties()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["r3gan.yaml"], "model:\n  image_size: 32\n  architecture: r3gan\ntrain:\n  loss: rpgan\n  batch_size: 4\ntricks:\n  r1_gamma: 1\n  r2_gamma: 1\n");
        var (exit, text) = await CliOutput.Run("bench", "--config", dir["r3gan.yaml"], "--profile", "--data", Repo.Fixture("tiny"),
            "--steps", "1", "--warmup", "0", "--rounds", "1");
        Assert.True(exit == 0, text);
        Assert.Contains("recipe: r3gan.yaml (r3gan, rpgan, batch 4, ADA adaptive", text);
        Assert.Contains("D's gradient penalties (their forwards and input gradients)", text);
        Assert.Contains("32 px, ms per step", text);
    }

    [Fact]
    public async Task A_conditional_recipe_or_a_size_beside_the_config_is_one_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["mask.yaml"], "model:\n  conditioning: mask\n");
        File.WriteAllText(dir["plain.yaml"], "model:\n  image_size: 32\n");
        Data.SpecialFiles.Fifo(dir["fifo.yaml"]);
        var cases = new (string[] Args, string Message)[]
        {
            (["bench", "--config", dir["mask.yaml"]], "model.conditioning = mask: the bench times unconditional recipes"),
            (["bench", "--config", dir["plain.yaml"], "--sizes", "64"], "--sizes and --config: the size is plain.yaml's model.image_size"),
            (["bench", "--config", dir["plain.yaml"], "--growth", dir["g.png"]], "--growth times the bench's DCGAN: leave out --config"),
            (["bench", "--config", dir["fifo.yaml"]], $"config file '{dir["fifo.yaml"]}': not a regular file (FIFO)"),
        };
        foreach (var (args, message) in cases)
        {
            var (exit, text) = await CliOutput.Run(args);
            Assert.Equal(2, exit);
            var error = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains(message, error);
            Assert.DoesNotContain("   at ", text);
        }
        Assert.False(File.Exists(dir["g.png"]));
    }
}
