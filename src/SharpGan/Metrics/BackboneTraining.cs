using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Data.Augment;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>Options of <c>sharpgan eval backbone train</c>.</summary>
public sealed record BackboneTrainingOptions(int Size = 64, int Epochs = 15, int BatchSize = 32, double Lr = 1e-3, double Validation = 0.1, long Seed = 1);

/// <summary>
/// Trains a <see cref="DomainClassifier"/> on a folder with one sub-folder per class (the emoji vendor sets are laid
/// out so): Adam, cross-entropy, random horizontal flips; a seeded hold-out share measures accuracy overall and per
/// class.
/// </summary>
public static class BackboneTraining
{
    public static DomainBackbone Train(string folder, BackboneTrainingOptions options, Action<string>? log = null, CancellationToken cancel = default)
    {
        var (images, _) = ImageFolder.Load(new DataConfig { Path = folder }, options.Size, cancel);
        // One is held out to measure the backbone, and a training batch needs two (batch norm).
        if (images.Count < 3)
            throw new DataException($"'{folder}' holds {images.Count} usable picture(s); a backbone needs at least 3");
        var (classes, labels) = ClassFolders.Labels(folder, images.Paths);
        var order = Shuffled(images.Count, options.Seed);
        int validationCount = Math.Clamp((int)Math.Round(images.Count * options.Validation), 1, images.Count - 1);
        var validation = order[..validationCount];
        var train = order[validationCount..];

        manual_seed(options.Seed);
        var network = new DomainClassifier(options.Size, classes.Length);
        using var optimizer = optim.Adam(network.parameters(), options.Lr);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            network.train();
            var epochOrder = Shuffled(train.Length, options.Seed * 1000 + epoch).Select(i => train[i]).ToArray();
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start + 2 <= epochOrder.Length; start += options.BatchSize)
            {
                cancel.ThrowIfCancellationRequested();
                using var region = Native.NoCollectionRegion.Enter();
                using var scope = NewDisposeScope();
                var indices = epochOrder.AsSpan(start, Math.Min(options.BatchSize, epochOrder.Length - start));
                var batch = FlipRotate.Apply(images.Take(indices).ToBatch(), flipHorizontal: true, flipVertical: false, maxDegrees: 0);
                var target = tensor(indices.ToArray().Select(i => (long)labels[i]).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(network.forward(batch.Images), target);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
            var (accuracy, _) = Accuracy(network, images, validation, labels, classes);
            log?.Invoke($"epoch {epoch}/{options.Epochs}: loss {lossSum / batches:F3}, held-out accuracy {accuracy:P1}");
        }
        var (overall, perClass) = Accuracy(network, images, validation, labels, classes);
        var info = new DomainBackboneInfo(Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')), options.Size, network.FeatureDimension, classes,
            train.Length, validation.Length, overall, perClass, options.Epochs, options.Seed);
        return new DomainBackbone(network, info);
    }

    static (double Overall, Dictionary<string, double> PerClass) Accuracy(DomainClassifier network, ImageSet images, int[] indices, int[] labels, string[] classes)
    {
        network.eval();
        var right = new int[classes.Length];
        var total = new int[classes.Length];
        for (int start = 0; start < indices.Length; start += 256)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var chunk = indices.AsSpan(start, Math.Min(256, indices.Length - start));
            var predicted = network.forward(images.Take(chunk).ToBatch().Images).argmax(1).data<long>().ToArray();
            for (int k = 0; k < chunk.Length; k++)
            {
                total[labels[chunk[k]]]++;
                if (predicted[k] == labels[chunk[k]]) right[labels[chunk[k]]]++;
            }
        }
        var perClass = classes.Select((c, i) => (c, i)).Where(p => total[p.i] > 0).ToDictionary(p => p.c, p => (double)right[p.i] / total[p.i]);
        return ((double)right.Sum() / Math.Max(1, total.Sum()), perClass);
    }

    static int[] Shuffled(int count, long seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random((int)(seed % int.MaxValue)).Shuffle(order);
        return order;
    }
}
