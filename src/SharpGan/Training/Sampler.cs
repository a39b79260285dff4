using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// A trained generator loaded from a checkpoint (its EMA weights when the run kept them), on the fast path: eval
/// mode, no autograd, large batches, under the compute policy of this machine.
/// </summary>
public sealed class Sampler : IDisposable
{
    readonly IGanRecipe recipe;
    readonly IGanKind kind;

    public SharpGanConfig Config { get; }
    public ComputeChoice Compute { get; }
    /// <summary>Where G computes; its pictures come back to the CPU.</summary>
    public Device Device { get; }

    /// <summary>Samples under <paramref name="compute"/>; by default as the run computed (its recorded policy), or, for
    /// checkpoints older than that record, its precision and layout settings resolved on this machine. On
    /// <paramref name="device"/> (<c>--device</c>), the CPU when not given.</summary>
    public Sampler(Checkpoint checkpoint, ComputeChoice? compute = null, Device? device = null)
    {
        Config = checkpoint.Config;
        Compute = compute ?? (checkpoint.Policy is { } recorded
            ? ComputeChoice.Recorded(recorded, CpuFlags.Current)
            : ComputeChoice.ForThisMachine(Config.Train.Precision, Config.Train.Layout, deterministic: false));
        kind = GanKinds.Of(Config);
        recipe = kind.CreateRecipe(Config);
        checkpoint.RestoreNetworks(recipe);
        if (checkpoint.HasEma)
            checkpoint.RestoreEma(recipe.Generator);   // the averaged weights are the ones to sample from
        Device = device ?? CPU;
        recipe.Generator.to(Device);
        recipe.Generator.eval();
        ComputeLayers.Apply(recipe.Generator, Compute.Policy);
    }

    /// <summary><paramref name="count"/> images from noise seeded by <paramref name="seed"/>, as B×3×S×S bytes per chunk.</summary>
    public IEnumerable<RgbImage> Images(int count, long seed, int batch = 256)
    {
        foreach (var make in Batches(count, seed, batch))
        {
            IReadOnlyList<RgbImage> images;
            using (NewDisposeScope())
                images = ImageTensors.ToImages(make());
            foreach (var image in images) yield return image;
        }
    }

    /// <summary>
    /// <paramref name="count"/> images from noise seeded by <paramref name="seed"/>, as batches in [-1, 1] made on
    /// demand (each in the caller's dispose scope, without autograd), for feature extraction.
    /// </summary>
    public IEnumerable<Func<Tensor>> Batches(int count, long seed, int batch = 256)
    {
        NoiseAlone();
        return NoiseBatches.Of((n, random) => recipe.Generate(recipe.Noise(n, random)), count, seed, batch);
    }

    /// <summary>The classes a conditional generator draws; empty for an unconditional one.</summary>
    public IReadOnlyList<string> Classes => Offers(KindSampling.Classes) ? Conditional().Classes : [];

    /// <summary>A grid with one row per class, <paramref name="perClass"/> samples each (conditional generators).</summary>
    public RgbImage ClassGrid(int perClass, long seed)
    {
        var conditional = Conditional();
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var labels = arange(conditional.Classes.Count).repeat_interleave(perClass);
        return ImageTensors.ToGrid(recipe.Generate(conditional.NoiseFor(labels, generator)), perClass);
    }

    /// <summary><paramref name="count"/> images of class <paramref name="className"/>, as batches in [-1, 1].</summary>
    public IEnumerable<Func<Tensor>> Batches(string className, int count, long seed, int batch = 256)
    {
        var conditional = Conditional();
        long index = ClassIndex(className);
        return NoiseBatches.Of((n, random) => recipe.Generate(conditional.NoiseFor(full(n, index, ScalarType.Int64), random)), count, seed, batch);
    }

    /// <summary>The index of a class by name; the message lists the classes there are.</summary>
    public int ClassIndex(string className)
    {
        var conditional = Conditional();
        int index = conditional.Classes.ToList().IndexOf(className);
        return index >= 0 ? index : throw new ArgumentException($"no class '{className}'; this generator draws: {string.Join(", ", conditional.Classes)}");
    }

    /// <summary>True when <see cref="Classes"/> are tags that combine (data.labels tags); its class grid then shows
    /// one tag alone per row.</summary>
    public bool MultiLabel => Config.Model.MultiLabel;

    /// <summary><paramref name="count"/> images carrying all of <paramref name="tags"/> (and no other tag), as batches in [-1, 1].</summary>
    public IEnumerable<Func<Tensor>> Batches(IReadOnlyList<string> tags, int count, long seed, int batch = 256)
    {
        var tagged = Offers(KindSampling.Tags) && MultiLabel ? (ITagConditionedRecipe)recipe
            : throw new ArgumentException("this checkpoint's generator does not take tags (it was not trained with data.labels = tags)");
        var code = new float[Classes.Count];
        foreach (var tag in tags)
        {
            int index = Classes.ToList().IndexOf(tag);
            code[index >= 0 ? index : throw new ArgumentException($"no tag '{tag}'; this generator knows: {string.Join(", ", Classes)}")] = 1;
        }
        return NoiseBatches.Of((n, random) => recipe.Generate(tagged.NoiseForTags(tensor(code).expand(n, code.Length), random)), count, seed, batch);
    }

    /// <summary>True when the generator draws where a mask says (the flower GAN).</summary>
    public bool TakesMasks => Offers(KindSampling.Masks);

    /// <summary>The side a mask must have for this generator.</summary>
    public int MaskSize => MaskConditioned().MaskSize;

    /// <summary>One image per mask (<paramref name="masks"/>: N×1×S×S in [0, 1]), as batches in [-1, 1] made on demand,
    /// with noise seeded by <paramref name="seed"/>.</summary>
    public IEnumerable<Func<Tensor>> Batches(Tensor masks, long seed, int batch = 256)
    {
        var conditioned = MaskConditioned();
        int count = (int)masks.shape[0], start = 0;
        return NoiseBatches.Of((n, random) =>
        {
            var slice = masks.narrow(0, start, n);
            start += (int)n;
            return recipe.Generate(conditioned.NoiseFor(slice, random));
        }, count, seed, batch);
    }

    /// <summary>True when the generator translates pictures (pix2pix).</summary>
    public bool TranslatesPictures => Offers(KindSampling.Pictures);

    /// <summary>
    /// G's picture for each input (<paramref name="inputs"/>: N×3×S×S in [-1, 1]), as batches in [-1, 1] made on demand.
    /// Pix2pix's dropout stays on, so outputs vary with <paramref name="seed"/> (it seeds torch's generator here).
    /// </summary>
    public IEnumerable<Func<Tensor>> Translate(Tensor inputs, long seed, int batch = 64)
    {
        if (!TranslatesPictures) throw new ArgumentException($"this checkpoint's generator does not translate pictures (model.conditioning is {Config.Model.Conditioning})");
        torch.manual_seed(seed);
        int count = (int)inputs.shape[0], start = 0;
        return NoiseBatches.Of((n, _) =>
        {
            var slice = inputs.narrow(0, start, n);
            start += (int)n;
            return recipe.Generate(slice);
        }, count, seed, batch);
    }

    /// <summary>Dropout that stays on at sampling computes its mean instead (no dropping): one picture per input,
    /// as an ONNX export gives with all-ones keep masks.</summary>
    public void HoldDropoutAtMean()
    {
        foreach (var dropout in recipe.Generator.modules().OfType<GeneratorDropout>())
            dropout.AtSampling = false;
    }

    bool Offers(KindSampling sampling) => kind.Sampling.HasFlag(sampling);

    IMaskConditionedRecipe MaskConditioned() => TakesMasks ? (IMaskConditionedRecipe)recipe
        : throw new ArgumentException($"this checkpoint's generator does not take masks (model.conditioning is {Config.Model.Conditioning})");

    IConditionalRecipe Conditional() => Offers(KindSampling.Classes) ? (IConditionalRecipe)recipe
        : throw new ArgumentException($"this checkpoint's generator has no classes (model.conditioning {Config.Model.Conditioning})");

    /// <summary>Refuses, before any noise is drawn, generators that need more than noise: the recipes' own refusal
    /// comes from deep inside a forward pass.</summary>
    void NoiseAlone()
    {
        if (Offers(KindSampling.Noise)) return;
        var conditioning = Config.Model.Conditioning;
        if (TakesMasks)
            throw new ArgumentException($"this generator draws where a mask says (model.conditioning {conditioning}): give it masks (sharpgan sample --mask FILE|FOLDER)");
        if (TranslatesPictures)
            throw new ArgumentException($"this generator translates pictures (model.conditioning {conditioning}): give it pictures (sharpgan translate run --in IMAGE|FOLDER)");
        throw new ArgumentException($"this generator does not draw from noise alone (model.conditioning {conditioning})");
    }

    /// <summary>One near-square grid of <paramref name="count"/> samples.</summary>
    public RgbImage Grid(int count, long seed)
    {
        NoiseAlone();
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return ImageTensors.ToGrid(recipe.Generate(recipe.Noise(count, generator)), ImageTensors.GridColumns(count));
    }

    public void Dispose() => recipe.Dispose();
}
