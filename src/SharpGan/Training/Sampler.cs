using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// A trained generator loaded from a checkpoint (its EMA weights when the run kept them), on the fast path: eval
/// mode, no autograd, large batches, under the compute policy of this machine.
/// </summary>
public sealed class Sampler : IDisposable
{
    readonly IGanRecipe recipe;

    public SharpGanConfig Config { get; }
    public ComputeChoice Compute { get; }

    /// <summary>Samples under <paramref name="compute"/>; by default the checkpoint's precision and layout settings resolved on this machine.</summary>
    public Sampler(Checkpoint checkpoint, ComputeChoice? compute = null)
    {
        Config = checkpoint.Config;
        Compute = compute ?? ComputeChoice.ForThisMachine(Config.Train.Precision, Config.Train.Layout, deterministic: false);
        recipe = RecipeRegistry.Create(Config);
        checkpoint.RestoreNetworks(recipe);
        if (checkpoint.HasEma)
            checkpoint.RestoreEma(recipe.Generator);   // the averaged weights are the ones to sample from
        recipe.Generator.eval();
        ComputeLayers.Apply(recipe.Generator, Compute.Policy);
    }

    /// <summary><paramref name="count"/> images from noise seeded by <paramref name="seed"/>, as B×3×S×S bytes per chunk.</summary>
    public IEnumerable<RgbImage> Images(int count, long seed, int batch = 256)
    {
        using var generator = new Generator((ulong)seed);
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            byte[] chw;
            using (NewDisposeScope())
            using (no_grad())
                chw = ImageTensors.ToBytes(recipe.Generate(recipe.Noise(n, generator)));
            int size = Config.Model.ImageSize, plane = size * size;
            for (int k = 0; k < n; k++)
            {
                var hwc = new byte[3 * plane];
                for (int i = 0; i < plane; i++)
                {
                    hwc[3 * i] = chw[k * 3 * plane + i];
                    hwc[3 * i + 1] = chw[k * 3 * plane + plane + i];
                    hwc[3 * i + 2] = chw[k * 3 * plane + 2 * plane + i];
                }
                yield return new RgbImage(size, size, hwc);
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> images from noise seeded by <paramref name="seed"/>, as batches in [-1, 1] made on
    /// demand (each in the caller's dispose scope, without autograd), for feature extraction.
    /// </summary>
    public IEnumerable<Func<Tensor>> Batches(int count, long seed, int batch = 256) =>
        NoiseBatches.Of((n, random) => recipe.Generate(recipe.Noise(n, random)), count, seed, batch);

    /// <summary>One near-square grid of <paramref name="count"/> samples.</summary>
    public RgbImage Grid(int count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return ImageTensors.ToGrid(recipe.Generate(recipe.Noise(count, generator)), ImageTensors.GridColumns(count));
    }

    public void Dispose() => recipe.Dispose();
}
