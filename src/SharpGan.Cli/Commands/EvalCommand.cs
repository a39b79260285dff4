using System.CommandLine;
using System.Text.Json;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Reporting;
using SharpGan.TaskEvaluation;
using SharpGan.Training;
using Spectre.Console;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary>
/// <c>sharpgan eval</c>: a checkpoint's samples (or a folder of images) against a real folder, under a feature
/// backbone; <c>sharpgan eval backbone train</c>: a domain backbone from a folder with one sub-folder per class;
/// <c>sharpgan eval features</c>: a folder's features as the metrics see them, for other tools.
/// </summary>
static class EvalCommand
{
    public static Command Create()
    {
        var real = new Option<string>("--real") { Description = "Folder of real images", Required = true };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file or run folder whose generator to sample" };
        var fake = new Option<string?>("--fake") { Description = "Folder of generated images (instead of --checkpoint)" };
        var backbone = new Option<string>("--backbone") { Description = "Backbone: a domain backbone file (sharpgan eval backbone train), the FID Inception as .safetensors (docs/evaluation.md), or nsfwjs-mobilenet-v2/pool, nsfwjs-inception-v3/pool (sharpgan pretrained fetch)", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Samples to generate (with --checkpoint)", DefaultValueFactory = _ => 1000 };
        var size = new Option<int?>("--size") { Description = "Image size both sets are loaded at (default: the checkpoint's, or the backbone's input)" };
        var seed = new Option<long>("--seed") { Description = "Noise seed, and the seed of KID's subsets", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out", "-o") { Description = "Write the report as JSON here" }.File();
        var perClass = new Option<bool>("--per-class") { Description = "Conditional checkpoints: how often the backbone (a classifier trained on real images) recognises each requested class" };
        var best = CheckpointArgument.BestOption();
        var device = DeviceOption.Create();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("eval", "Metrics of generated images against real ones: Fréchet and kernel distances, precision/recall, inception-type score")
        {
            real, checkpoint, best, fake, backbone, count, size, seed, output, perClass, overwrite, device, BackboneCommand(), ClassifierCommand(), LocationCommand(), FeaturesCommand(),
        };
        // Task.Run: System.CommandLine must get a running task at once for Ctrl+C to reach the batches, which stop between
        // batches of generated pictures and say "interrupted".
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            if ((parse.GetValue(checkpoint) is null) == (parse.GetValue(fake) is null))
                throw new ArgumentException("give exactly one of --checkpoint and --fake");
            if (parse.GetValue(output) is { } reportFile)
                OutputFiles.Claim("--out", parse.GetValue(perClass) ? [reportFile, ClassReport(reportFile)] : [reportFile], parse.GetValue(overwrite));
            var on = DeviceOption.Torch(parse.GetValue(device)!);   // before the backbone and the real images load
            using var net = Backbones.Load(parse.GetValue(backbone)!);
            var read = parse.GetValue(checkpoint) is { } c ? CheckpointArgument.Load(c, parse.GetValue(best)) : null;
            if (parse.GetValue(perClass) && read?.Config.Model.Classes.Length is null or 0)
                throw new ArgumentException($"--per-class: {(read is null ? "needs --checkpoint (a conditional run)" : $"'{parse.GetValue(checkpoint)}' draws no classes (an unconditional run)")}");
            int imageSize = LoadSize(parse.GetValue(size)) ?? read?.Config.Model.ImageSize ?? net.InputSize;
            var realData = new DataConfig { Path = parse.GetValue(real)! };
            var (realSet, realReport) = ImageFolder.Load(realData, imageSize, minimum: 1);
            foreach (var line in realReport.Lines()) AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
            Enough("--real", parse.GetValue(real)!, realSet.Count);
            var (realFeatures, cacheNote) = ReferenceFeatureCache.Default.Features(net, parse.GetValue(backbone)!, realData, realSet);
            AnsiConsole.MarkupLineInterpolated($"{cacheNote}");
            FeatureSet fakeFeatures;
            if (read is not null)
            {
                int n = parse.GetValue(count);
                if (n < 4) throw new ArgumentException($"--count {n}: at least 4");
                using var sampler = new Sampler(read, ComputeChoice.ForThisMachine("fp32", "auto", deterministic: false), on);
                fakeFeatures = FeatureExtractor.Extract(net, Cancellable(sampler.Batches(n, parse.GetValue(seed)), cancel));
                if (parse.GetValue(perClass))
                {
                    var accuracy = ClassAccuracy.Measure(net, sampler, Math.Max(1, n / sampler.Classes.Count), parse.GetValue(seed));
                    foreach (var (name, share) in accuracy) AnsiConsole.MarkupLineInterpolated($"class {name}: recognised in {share:P0} of its samples");
                    AnsiConsole.MarkupLineInterpolated($"mean per-class accuracy {accuracy.Values.Average():P1} (chance {1.0 / sampler.Classes.Count:P0})");
                    if (parse.GetValue(output) is { } classFile)
                        AtomicFile.WriteText(ClassReport(classFile), JsonSerializer.Serialize(accuracy, new JsonSerializerOptions { WriteIndented = true }));
                }
            }
            else
            {
                var (fakeSet, _) = ImageFolder.Load(new DataConfig { Path = parse.GetValue(fake)! }, imageSize, minimum: 1);
                Enough("--fake", parse.GetValue(fake)!, fakeSet.Count);
                fakeFeatures = FeatureExtractor.Extract(net, Cancellable(ImageSetBatches.Of(fakeSet), cancel));
            }
            var report = Evaluation.Compare(net, realFeatures, fakeFeatures, imageSize, new EvalOptions(Seed: parse.GetValue(seed)));
            AnsiConsole.Write(report.Summary());
            if (parse.GetValue(output) is { } target)
            {
                AtomicFile.WriteText(target, JsonSerializer.Serialize(report, new JsonSerializerOptions(ConfigLoader.Json) { WriteIndented = true }));
                AnsiConsole.MarkupLineInterpolated($"wrote {target}");
            }
            return 0;
        }), cancel));
        return command;
    }

    static Command FeaturesCommand()
    {
        var backbone = new Option<string>("--backbone") { Description = "Backbone, as for sharpgan eval --backbone", Required = true };
        var input = new Option<string>("--in") { Description = "Folder of images (searched recursively)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "F.npy (N × D float32) or F.csv (file, then D values per row)", Required = true }.File();
        var size = new Option<int?>("--size") { Description = "Size the images are loaded at before the backbone's resize (default: its input size); as eval's --size" };
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("features", "Write a folder's backbone features, the exact tensors the metrics compare, as .npy or .csv") { backbone, input, output, size, overwrite };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            FeatureExport.CheckPath(parse.GetValue(output)!);
            OutputFiles.Claim("--out", parse.GetValue(output)!, parse.GetValue(overwrite));
            using var net = Backbones.Load(parse.GetValue(backbone)!);
            var folder = parse.GetValue(input)!;
            var (images, report) = ImageFolder.Load(new DataConfig { Path = folder }, LoadSize(parse.GetValue(size)) ?? net.InputSize);
            foreach (var line in report.Lines()) AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
            var target = parse.GetValue(output)!;
            var features = FeatureExport.Write(net, images, folder, target);
            AnsiConsole.MarkupLineInterpolated($"wrote {target}: {features.Count} × {features.Features.shape[1]} features of {net.Name} (images at {images.Size} px, to {net.InputSize} px by {net.ResizeFilter})");
            return 0;
        }));
        return command;
    }

    static Command LocationCommand()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A mask-conditioned run (file or folder)", Required = true };
        var segmenter = new Option<string>("--segmenter") { Description = "A U-Net from sharpgan segment train", Required = true };
        var masks = new Option<string>("--masks") { Description = "Masks to draw with, best not seen in training: a folder of masks or a paired data folder", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Use at most this many masks", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Noise seed, and the seed of the shuffled masks", DefaultValueFactory = _ => 0 };
        var figure = new Option<string?>("--figure") { Description = "Write a PNG of rows (generated | mask asked for | mask found) for the first 16" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the report as JSON here" }.File();
        var device = DeviceOption.Create();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("location", "Do generated objects sit where their masks say? Mean IoU of the segmented object with its mask, against shuffled masks as the chance level")
        {
            checkpoint, segmenter, masks, count, seed, figure, output, overwrite, device,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            // One claim for both: the same name given to each would keep only the report.
            OutputFiles.Claim("--figure, --out", new[] { parse.GetValue(figure), parse.GetValue(output) }.OfType<string>(), parse.GetValue(overwrite));
            var c = parse.GetValue(checkpoint)!;
            using var sampler = new Sampler(CheckpointArgument.Load(c),
                ComputeChoice.ForThisMachine("fp32", "auto", deterministic: false), DeviceOption.Torch(parse.GetValue(device)!));
            using var unet = Segmentation.Segmenter.Load(parse.GetValue(segmenter)!);
            var set = MaskFolder.Load(parse.GetValue(masks)!, sampler.MaskSize);
            foreach (var warning in set.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]{warning}[/]");
            int n = Math.Min(parse.GetValue(count), set.Count);
            using var scope = TorchSharp.torch.NewDisposeScope();
            var requested = set.ToTensor().narrow(0, 0, n);
            var generated = sampler.Batches(requested, parse.GetValue(seed)).Select(make => make().cpu()).ToList();   // the segmenter computes on the CPU
            var (report, found) = LocationAccuracy.Measure(unet.Predict, generated.Select(g => (Func<TorchSharp.torch.Tensor>)(() => g)),
                requested, parse.GetValue(segmenter)!, parse.GetValue(seed));
            AnsiConsole.MarkupLineInterpolated($"location IoU {report.MeanIou:F3} over {report.Count} masks; shuffled-mask chance {report.ChanceIou:F3} ({report.OverChance:F1}× chance)");
            if (parse.GetValue(figure) is { } figureFile)
            {
                int rows = Math.Min(16, n);
                var images = TorchSharp.torch.cat(generated.ToArray()).narrow(0, 0, rows);
                PngFile.Write(figureFile, MaskFigure.Compose(images, requested.narrow(0, 0, rows), found.narrow(0, 0, rows).mul(2).sub(1).expand(-1, 3, -1, -1)));
                AnsiConsole.MarkupLineInterpolated($"wrote {figureFile}: rows of generated | mask asked for | mask found");
            }
            if (parse.GetValue(output) is { } target)
                AtomicFile.WriteText(target, JsonSerializer.Serialize(report, new JsonSerializerOptions(ConfigLoader.Json) { WriteIndented = true }));
            return 0;
        }));
        return command;
    }

    static Command ClassifierCommand()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A semi-supervised run (file or folder): its discriminator classifies" };
        var backbone = new Option<string?>("--backbone") { Description = "Or a domain backbone: its softmax classifies" };
        var data = new Option<string>("--data") { Description = "Labelled images, one sub-folder per class, not used in training", Required = true };
        var command = new Command("classifier", "Accuracy of a classifier (a semi-supervised run's D, or a domain backbone) on a labelled folder") { checkpoint, backbone, data };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var folder = parse.GetValue(data)!;
            (double Overall, IReadOnlyDictionary<string, double> PerClass) result;
            if (parse.GetValue(checkpoint) is { } c)
                result = LabelledAccuracy.OfDiscriminator(CheckpointArgument.Load(c), folder);
            else if (parse.GetValue(backbone) is { } b)
            {
                using var net = DomainBackbone.Load(b);
                result = LabelledAccuracy.OfBackbone(net, folder);
            }
            else throw new ArgumentException("give --checkpoint or --backbone");
            foreach (var (name, accuracy) in result.PerClass) AnsiConsole.MarkupLineInterpolated($"  {name}: {accuracy:P0}");
            AnsiConsole.MarkupLineInterpolated($"accuracy {result.Overall:P1} on {folder}");
            return 0;
        }));
        return command;
    }

    static Command BackboneCommand()
    {
        var data = new Option<string>("--data") { Description = "Folder with one sub-folder per class (e.g. scripts/fetch-emoji.sh vendor)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Backbone file to write", Required = true }.File();
        var size = new Option<int>("--size") { Description = "Input size", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => 15 };
        var seed = new Option<long>("--seed") { Description = "Seed of the weights, the split and the order", DefaultValueFactory = _ => 1 };
        var overwrite = OutputFiles.OverwriteOption();
        var train = new Command("train", "Train a domain classifier whose pooled features and softmax serve the metrics") { data, output, size, epochs, seed, overwrite };
        train.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            OutputFiles.Claim("--out", parse.GetValue(output)!, parse.GetValue(overwrite));
            int side = parse.GetValue(size);
            if (side is < 16 or > 256 || (side & (side - 1)) != 0) throw new ArgumentException($"--size {side}: a power of two from 16 to 256");
            if (parse.GetValue(epochs) < 1) throw new ArgumentException($"--epochs {parse.GetValue(epochs)}: at least 1");
            TrainingSession.ConfigureThreads(new TrainConfig());
            var options = new BackboneTrainingOptions(side, parse.GetValue(epochs), Seed: parse.GetValue(seed));
            using var net = BackboneTraining.Train(parse.GetValue(data)!, options, line => AnsiConsole.MarkupLineInterpolated($"{line}"), cancel);
            net.Save(parse.GetValue(output)!);
            var info = net.Info;
            AnsiConsole.MarkupLineInterpolated($"{net.Name}: {info.Classes.Count} classes, {info.TrainImages} train / {info.ValidationImages} held-out images, held-out accuracy {info.ValidationAccuracy:P1}");
            foreach (var (name, accuracy) in info.ClassAccuracy) AnsiConsole.MarkupLineInterpolated($"  {name}: {accuracy:P0}");
            AnsiConsole.MarkupLineInterpolated($"wrote {parse.GetValue(output)}");
            return Task.FromResult(0);
        }), cancel));
        return new Command("backbone", "Feature backbones for the metrics") { train };
    }

    /// <summary>The batches, each made only while Ctrl+C has not been pressed.</summary>
    static IEnumerable<Func<TorchSharp.torch.Tensor>> Cancellable(IEnumerable<Func<TorchSharp.torch.Tensor>> batches, CancellationToken cancel) =>
        batches.Select(make => (Func<TorchSharp.torch.Tensor>)(() =>
        {
            cancel.ThrowIfCancellationRequested();
            return make();
        }));

    /// <summary>Precision and recall compare each picture with its k nearest in its own set, so a set needs more than k.</summary>
    static void Enough(string option, string folder, int pictures)
    {
        int needed = new EvalOptions().Neighbours + 1;
        if (pictures < needed)
            throw new ArgumentException($"{option} {folder}: {pictures} usable picture(s); the metrics need at least {needed} " +
                $"(precision and recall compare each with its {needed - 1} nearest)");
    }

    /// <summary>Where <c>--per-class</c> writes its accuracies: beside the report.</summary>
    static string ClassReport(string report) => Path.ChangeExtension(report, ".classes.json");

    /// <summary>A --size given to load pictures at, checked: the side every picture is scaled to before the backbone.</summary>
    static int? LoadSize(int? side) => side is null or (>= 8 and <= 2048) ? side
        : throw new ArgumentException($"--size {side}: 8 to 2,048 pixels");
}
