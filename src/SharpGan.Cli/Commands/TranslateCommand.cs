using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Reporting;
using SharpGan.Training;
using SharpGan.TaskEvaluation;
using Spectre.Console;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan translate train|run|eval</c>: pix2pix, image-to-image translation on paired data.</summary>
static class TranslateCommand
{
    /// <summary>What makes a plain run a pix2pix run.</summary>
    static readonly string[] Preset = ["model.conditioning=pix2pix"];

    /// <summary>Pix2pix's defaults where no config file says otherwise: the paper's 64-filter D and small batches (the
    /// paper used 1 to 10; 4 keeps BatchNorm sensible and the CPU busy).</summary>
    static readonly string[] PresetDefaults = ["model.ndf=64", "train.batch_size=4"];

    public static Command Create() => new("translate", "Image-to-image translation (pix2pix): edges → pictures and the like")
    {
        TrainCommand.Create("train", "Train pix2pix on paired data (A/ + B/ folders or side-by-side files; see sharpgan data pairs)", Preset, PresetDefaults,
            (new Option<string?>("--direction") { Description = "AtoB or BtoA (data.direction)" }, "data.direction"),
            (new Option<string?>("--l1") { Description = "λ of the L1 term, the paper's 100 (model.l1_weight)" }, "model.l1_weight"),
            (new Option<string?>("--gan-weight") { Description = "λ of the GAN term; 0 = the L1-only baseline (model.adversarial_weight)" }, "model.adversarial_weight"),
            (new Option<string?>("--d-layers") { Description = "PatchGAN layers: 3 = 70×70 patches, 0 = PixelGAN (model.d_layers)" }, "model.d_layers"),
            (new Option<string?>("--norm") { Description = "batch or instance (model.pix2pix_norm)" }, "model.pix2pix_norm"),
            (new Option<string?>("--loss") { Description = "bce (the paper's) or lsgan (train.loss)" }, "train.loss"),
            (new Option<string?>("--holdout") { Description = "Pairs held out for the epoch grids (data.holdout)" }, "data.holdout"),
            (new Option<string?>("--val") { Description = "Folder of held-out pairs instead (data.val_path)" }, "data.val_path")),
        Run(),
        Eval(),
    };

    static Command Run()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A pix2pix run (file or folder)", Required = true };
        var input = new Option<string>("--in") { Description = "An image, a folder of images, or a paired folder (its inputs are translated)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the outputs (same relative names, .png)", Required = true }.Folder();
        var seed = new Option<long>("--seed") { Description = "Seed of the dropout noise", DefaultValueFactory = _ => 0 };
        var figure = new Option<bool>("--figure") { Description = "Also write figure.png: rows of (input | output | target when paired) for the first 16" };
        var dropout = new Option<string>("--dropout") { Description = "seeded (torch's draws from --seed, the default) or mean (dropout at its mean: the same picture every time, as an export sampled with --dropout mean)", DefaultValueFactory = _ => "seeded" };
        var device = DeviceOption.Create();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("run", "Translate pictures with a trained pix2pix generator") { checkpoint, input, output, seed, figure, dropout, overwrite, device };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var draw = parse.GetValue(dropout) is "seeded" or "mean" ? parse.GetValue(dropout) : throw new ArgumentException($"--dropout {parse.GetValue(dropout)}: allowed seeded, mean");
            using var sampler = Open(parse.GetValue(checkpoint)!, DeviceOption.Torch(parse.GetValue(device)!));
            if (draw == "mean") sampler.HoldDropoutAtMean();
            string from = parse.GetValue(input)!, target = parse.GetValue(output)!;
            if (Directory.Exists(from)) SeparateFolders.Check(from, target, "translate run");
            else SeparateFolders.CheckFile(from, Path.Combine(target, Path.ChangeExtension(Path.GetFileName(from), ".png")), "translate run");
            var (inputs, targets, root) = Inputs(from, sampler.Config);
            var names = (targets ?? inputs).Paths.Select(path => Path.Combine(target, Path.ChangeExtension(Path.GetRelativePath(root, path), ".png"))).ToList();
            var figureFile = Path.Combine(target, "figure.png");
            OutputFiles.Claim("--out", parse.GetValue(figure) ? [.. names, figureFile] : names, parse.GetValue(overwrite));
            using var scope = NewDisposeScope();
            var pictures = inputs.AsTensor();
            var outputs = cat(sampler.Translate(pictures, parse.GetValue(seed)).Select(make => make().to_type(ScalarType.Float32).cpu()).ToList(), 0);
            var images = ImageTensors.ToImages(outputs);
            for (int i = 0; i < images.Count; i++)
                PngFile.Write(names[i], images[i]);
            AnsiConsole.MarkupLineInterpolated($"{images.Count} pictures → {target}");
            if (parse.GetValue(figure))
            {
                int rows = Math.Min(16, images.Count);
                var columns = new List<Tensor> { pictures.narrow(0, 0, rows), outputs.narrow(0, 0, rows) };
                if (targets is not null) columns.Add(targets.AsTensor().narrow(0, 0, rows));
                PngFile.Write(figureFile, ImageTensors.ToGrid(stack(columns, 1).flatten(0, 1), columns.Count));
                AnsiConsole.MarkupLineInterpolated($"figure → {figureFile}");
            }
            return 0;
        }));
        return command;
    }

    static Command Eval()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A pix2pix run (file or folder)", Required = true };
        var data = new Option<string>("--data") { Description = "Held-out pairs (A/ + B/ or side by side), not trained on", Required = true };
        var meanOf = new Option<string?>("--mean-of") { Description = "Training pairs whose mean target is the trivial baseline" };
        var backbone = new Option<string?>("--backbone") { Description = "Backbone for the feature distances between outputs and targets: a .sgb, the FID Inception .safetensors, or nsfwjs-mobilenet-v2/pool, nsfwjs-inception-v3/pool" };
        var seed = new Option<long>("--seed") { Description = "Seed of the dropout noise", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out", "-o") { Description = "Write the report (with per-pair L1) as JSON here" }.File();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("eval", "L1 on held-out pairs, the mean-target baseline, feature distances, and L1 by input ink (pairs.csv)") { checkpoint, data, meanOf, backbone, seed, output, overwrite };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(output) is { } reportFile) OutputFiles.Claim("--out", reportFile, parse.GetValue(overwrite));
            using var sampler = Open(parse.GetValue(checkpoint)!);
            var config = sampler.Config;
            string folder = parse.GetValue(data)!;
            var pairs = PairedFolder.Load(folder, config.Model.ImageSize, config.Data.Direction);
            var mean = parse.GetValue(meanOf) is { } m ? PairedFolder.Load(m, config.Model.ImageSize, config.Data.Direction) : null;
            using var net = parse.GetValue(backbone) is { } b ? Backbones.Load(b) : null;
            var report = TranslationReport.Measure(sampler, folder, pairs, mean, net, parse.GetValue(seed));
            var c = CultureInfo.InvariantCulture;
            AnsiConsole.MarkupLineInterpolated(c, $"held-out L1 {report.L1:F4} on {report.Pairs} pairs (images in [[-1, 1]])");
            if (report.MeanTargetL1 is { } baseline) AnsiConsole.MarkupLineInterpolated(c, $"mean training target L1 {baseline:F4} (trivial baseline)");
            if (report.FeatureFrechet is { } fd)
                AnsiConsole.MarkupLineInterpolated(c, $"outputs vs targets under {report.Backbone}: Fréchet distance {fd:F3}, kernel distance {report.FeatureKernel:F4}");
            var pairsCsv = Path.Combine(folder, DataTools.PairMaker.ReportFile);
            IReadOnlyList<InkBand> bands = File.Exists(pairsCsv) ? InkBands.Of(pairsCsv, File.ReadAllLines(pairsCsv), report.PerPair) : [];
            foreach (var band in bands)
                AnsiConsole.MarkupLineInterpolated(c, $"  {band.Name.PadRight(7)} ink {band.MinInk:P1}–{band.MaxInk:P1}: {band.Pairs} pairs, L1 {band.MeanL1:F4}");
            if (parse.GetValue(output) is { } target)
                AtomicFile.WriteText(target, JsonSerializer.Serialize(new { report, inkBands = bands }, new JsonSerializerOptions(ConfigLoader.Json) { WriteIndented = true }));
            return 0;
        }));
        return command;
    }

    static Sampler Open(string path, Device? device = null)
    {
        var sampler = new Sampler(CheckpointArgument.Load(path), device: device);
        if (sampler.TranslatesPictures) return sampler;
        sampler.Dispose();
        throw new ArgumentException($"'{path}' is not a pix2pix run (model.conditioning is '{sampler.Config.Model.Conditioning}')");
    }

    /// <summary>The pictures to translate: a paired folder's inputs (with their targets), a folder's images, or one file.</summary>
    static (ImageSet Inputs, ImageSet? Targets, string Root) Inputs(string from, SharpGanConfig config)
    {
        int size = config.Model.ImageSize;
        if (File.Exists(from))
            return (ImageSet.From([PictureOption.Load("--in", from, size)], size), null, Path.GetDirectoryName(Path.GetFullPath(from))!);
        if (!Directory.Exists(from))
            throw new DataException($"--in {from}: no such file or folder");
        if (Directory.Exists(Path.Combine(from, "A")) || Directory.Exists(Path.Combine(from, "B")))
        {
            var pairs = PairedFolder.Load(from, size, config.Data.Direction);
            return (pairs.Inputs, pairs.Targets, Path.Combine(from, config.Data.Direction == "AtoB" ? "B" : "A"));
        }
        var (images, report) = ImageFolder.Load(new DataConfig { Path = from }, size, minimum: 1);   // one picture is worth translating
        foreach (var line in report.Lines()) AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
        return (images, null, from);
    }
}
