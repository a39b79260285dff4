using SharpGan.Config;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

public class WganClipTests
{
    [Fact]
    public void After_wgan_critic_steps_every_critic_weight_lies_within_the_clip()
    {
        using var dir = new TempDir();
        var tiny = TinyRun.Config(dir.Path, epochs: 1);
        var config = tiny with
        {
            Train = tiny.Train with { Loss = "wgan", Optimizer = "rmsprop", LrD = 5e-2 },   // a large lr to push weights past c
            Wgan = new WganConfig { Clip = 0.01 },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
        var checkpoint = Checkpoint.Read(trainer.CheckpointPath);
        using var recipe = GanKinds.CreateRecipe(checkpoint.Config);
        checkpoint.RestoreNetworks(recipe);
        foreach (var (name, p) in recipe.Discriminator.named_parameters())
        {
            Assert.True(p.abs().max().item<float>() <= 0.01f + 1e-7f, $"{name} exceeds the clip");
        }
        Assert.True(recipe.Discriminator.parameters().Any(p => p.abs().max().item<float>() > 0.0099f), "some weight reaches the clip");
    }
}
