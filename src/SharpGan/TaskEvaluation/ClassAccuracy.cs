using SharpGan.Metrics;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.TaskEvaluation;

/// <summary>
/// How often a classifier trained on real images only recognises the class a conditional generator was asked for:
/// per class and the mean over classes (chance = 1/K). Classes are matched by name between generator and backbone.
/// </summary>
public static class ClassAccuracy
{
    public static IReadOnlyDictionary<string, double> Measure(IFeatureBackbone classifier, Sampler sampler, int perClass, long seed = 0)
    {
        var missing = sampler.Classes.Where(c => !classifier.Classes.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"the backbone {classifier.Name} does not know the generator's classes {string.Join(", ", missing)}");
        var result = new Dictionary<string, double>();
        foreach (var name in sampler.Classes)
        {
            var set = FeatureExtractor.Extract(classifier, sampler.Batches(name, perClass, seed));
            using var predicted = set.Probabilities!.argmax(1);
            result[name] = predicted.eq(classifier.Classes.ToList().IndexOf(name)).to_type(ScalarType.Float64).mean().item<double>();
            set.Features.Dispose();
            set.Probabilities.Dispose();
        }
        return result;
    }
}
