using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using SharpGan.Recipes.Kinds;
using TorchSharp;

namespace SharpGan.Training;

/// <summary>Puts a run together in the order that fails cheapest first: names, the run folder, then data, then networks.</summary>
public static class TrainingSession
{
    /// <summary>
    /// A trainer for <paramref name="config"/> (its <c>auto</c> tricks decided: <see cref="GanKinds.Resolve"/>), fresh or continuing <paramref name="resume"/>, writing into
    /// <c>output.dir</c>. That folder must not hold another run — a fresh run's folder, or a folder other than the
    /// checkpoint's own when resuming — unless <paramref name="overwrite"/>: then the other run's outputs are removed,
    /// but only once the data and networks are ready, so a run that fails to start loses nothing.
    /// </summary>
    public static (Trainer Trainer, DecodeReport Report) Open(SharpGanConfig config, IReadOnlyList<ITrainingSink> sinks,
        Checkpoint? resume = null, CancellationToken cancel = default, bool overwrite = false)
    {
        GanKinds.Check(config);
        var device = ComputeDevice.Resolve(config.Train.Device, "train.device");
        config = GanKinds.Resolve(config);
        var kind = GanKinds.Of(config);
        var folder = config.Output.Dir;
        bool ownFolder = resume is not null && RunCheckpoints.RunDirectoryOf(resume.Path) is { } home && SamePath(home, folder);
        if (Directory.Exists(config.Data.Path) && SeparateFolders.Inside(folder, config.Data.Path))
            throw new ConfigException($"output.dir '{folder}' lies inside data.path '{config.Data.Path}': the run's grids and plots would be read " +
                "back as training pictures; train into a folder outside it");
        if (!ownFolder && !overwrite) RunFolder.CheckFree(folder, sinks);
        ImageSet images;
        DecodeReport report;
        PairedSet? heldOut = null;
        if (kind.Data.HasFlag(KindData.Pairs))
        {
            (images, heldOut) = Pairs(config.Data, config.Model.ImageSize, config.Train.Seed);
            report = new DecodeReport(images.Count, []) { Decoded = images.Count, Storage = "in memory (pix2pix pairs are always held in memory)" };
        }
        else
        {
            (images, report) = ImageFolder.Load(config.Data, config.Model.ImageSize, cancel);
            (config, images, var dropped) = RunLabels.Attach(config, images);
            report = report with { Dropped = dropped };
        }
        ConfigureThreads(config.Train);
        var compute = ComputeChoice.ForThisMachine(config.Train.Precision, config.Train.Layout, config.Train.Deterministic);
        torch.manual_seed(config.Train.Seed);
        var recipe = kind.CreateRecipe(config, kind.Data.HasFlag(KindData.Masks) ? MaskPool.From(images) : null, heldOut);
        var loader = new BatchLoader(images, config.Train.BatchSize, config.Train.Seed);
        var trainer = new Trainer(config, recipe, loader, sinks, resume, compute, device);
        if (!ownFolder && overwrite) RunFolder.Clear(folder, sinks);
        return (trainer, report);
    }

    static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    /// <summary>Pix2pix's training set (targets carrying their inputs) and held-out pairs: from data.val_path when
    /// set, else drawn out of data.path by the seed.</summary>
    static (ImageSet Train, PairedSet HeldOut) Pairs(DataConfig data, int size, long seed)
    {
        var all = PairedFolder.Load(data.Path, size, data.Direction);
        var (train, heldOut) = data.ValPath.Length > 0
            ? (all, Take(PairedFolder.Load(data.ValPath, size, data.Direction), data.Holdout))
            : all.Split(data.Holdout, seed);
        return (train.Targets.WithInputs(train.Inputs), heldOut);
    }

    static PairedSet Take(PairedSet pairs, int count) => pairs.Subset([.. Enumerable.Range(0, Math.Min(count, pairs.Count))]);

    /// <summary>Parallel reductions split by thread count, so their rounding depends on it: deterministic runs use one.</summary>
    public static void ConfigureThreads(TrainConfig train) =>
        torch.set_num_threads(train.Deterministic ? 1 : train.Threads > 0 ? train.Threads : Environment.ProcessorCount);
}
