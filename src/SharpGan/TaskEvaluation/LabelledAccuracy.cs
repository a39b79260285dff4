using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.TaskEvaluation;

/// <summary>
/// A classifier's accuracy on a labelled folder (one sub-folder per class, images not used in training): a
/// semi-supervised run's discriminator, or a domain backbone, for the side-by-side comparison of the car-logo ACGAN.
/// </summary>
public static class LabelledAccuracy
{
    /// <param name="classify">Class indices into <paramref name="classes"/> for images in [-1, 1].</param>
    public static (double Overall, IReadOnlyDictionary<string, double> PerClass) Measure(Func<Tensor, Tensor> classify,
        IReadOnlyList<string> classes, string folder, DataConfig data, int size)
    {
        var (images, _) = ImageFolder.Load(data with { Path = folder }, size);
        var (names, labels) = ClassFolders.Labels(folder, images.Paths);
        var unknown = names.Where(c => !classes.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new DataException($"'{folder}' has classes the classifier does not know: {string.Join(", ", unknown)}");
        var right = new Dictionary<string, int>();
        var total = new Dictionary<string, int>();
        for (int start = 0; start < images.Count; start += 256)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var indices = Enumerable.Range(start, Math.Min(256, images.Count - start)).ToArray();
            var predicted = classify(images.Take(indices).ToBatch().Images).data<long>().ToArray();
            for (int k = 0; k < indices.Length; k++)
            {
                var name = names[labels[indices[k]]];
                total[name] = total.GetValueOrDefault(name) + 1;
                if (classes[(int)predicted[k]] == name) right[name] = right.GetValueOrDefault(name) + 1;
            }
        }
        return ((double)right.Values.Sum() / total.Values.Sum(), total.ToDictionary(t => t.Key, t => (double)right.GetValueOrDefault(t.Key) / t.Value));
    }

    /// <summary>A semi-supervised run's discriminator on the folder.</summary>
    public static (double Overall, IReadOnlyDictionary<string, double> PerClass) OfDiscriminator(Checkpoint checkpoint, string folder)
    {
        using var recipe = GanKinds.CreateRecipe(checkpoint.Config) as SemiSupervisedRecipe
            ?? throw new ArgumentException($"'{checkpoint.Path}' is a run of model.conditioning {checkpoint.Config.Model.Conditioning}; eval classifier measures a semi-supervised run's discriminator");
        checkpoint.RestoreNetworks(recipe);
        recipe.Discriminator.eval();
        return Measure(recipe.Classify, recipe.Classes, folder, checkpoint.Config.Data, checkpoint.Config.Model.ImageSize);
    }

    /// <summary>A domain backbone's softmax on the folder, at its input size.</summary>
    public static (double Overall, IReadOnlyDictionary<string, double> PerClass) OfBackbone(DomainBackbone backbone, string folder) =>
        Measure(x => backbone.Forward(x).Probabilities!.argmax(1), backbone.Classes, folder, new DataConfig(), backbone.InputSize);
}
