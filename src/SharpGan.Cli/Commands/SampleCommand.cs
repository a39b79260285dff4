using System.CommandLine;
using SharpGan.Compute;
using SharpGan.Data;
using SharpGan.Reporting;
using SharpGan.Training;
using Spectre.Console;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan sample</c>: checkpoint (or ONNX export, <see cref="ExportSampling"/>) → N PNG files, or one grid.</summary>
static class SampleCommand
{
    /// <summary>64 × 64 pictures: a 64-px grid is then 4,160 px a side, where a count a user mistyped by a few zeros
    /// would ask for more memory than the machine has.</summary>
    const int MaxGridCount = 4096;

    /// <summary>Twenty times the 50,000 a Fréchet distance is usually measured on: past that, a count is a typo that
    /// would fill a disk with files.</summary>
    const int MaxCount = 1_000_000;

    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file or run folder" };
        var onnx = new Option<string?>("--onnx") { Description = "Instead of --checkpoint: a folder sharpgan export wrote (generator.json + generator.onnx), sampled with ONNX Runtime alone" };
        var count = new Option<int>("--count", "-n") { Description = "Number of images", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Noise seed", DefaultValueFactory = _ => 0 };
        var grid = new Option<bool>("--grid") { Description = "Write one grid PNG instead of separate files" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (or .png file with --grid)", Required = true };
        var precision = new Option<string?>("--precision") { Description = "auto, fp32 or bf16 (default: the run's train.precision)" };
        var layout = new Option<string?>("--layout") { Description = "auto, nchw or channels-last (default: the run's train.layout)" };
        var className = new Option<string?>("--class") { Description = "Draw this class (conditional generators)" };
        var classGrid = new Option<bool>("--class-grid") { Description = "One grid, a row per class (per tag alone for a tag model) with --count samples each (conditional generators)" };
        var tagList = new Option<string?>("--tags") { Description = "Draw images carrying these tags, comma-separated, e.g. \"red hair,blue eyes\" (tag models); with --grid, several sets split by | give a row each" };
        var mask = new Option<string?>("--mask") { Description = "Draw where these masks say: a mask file, a folder of masks, or a paired data folder (mask-conditioned generators)" };
        var figure = new Option<bool>("--figure") { Description = "With --mask: one picture of rows (generated | mask | the real image the mask came from), as the location-constrained flower GAN shows" };
        var pictures = new Option<string?>("--in") { Description = "With --onnx and a pix2pix export: the pictures to translate (an image or a folder of images; outputs keep their relative names)" };
        var dropout = new Option<string?>("--dropout") { Description = "With --onnx: seeded (keep masks drawn from --seed, the default) or mean (all ones: the same picture every time) for dropout that stays on at sampling" };
        var best = CheckpointArgument.BestOption();
        var device = DeviceOption.Create();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("sample", "Generate images from a trained checkpoint or an ONNX export") { checkpoint, onnx, best, count, seed, grid, output, overwrite, precision, layout, device, className, classGrid, tagList, mask, figure, pictures, dropout };
        // Task.Run: System.CommandLine must get a running task at once for Ctrl+C to reach the writing loops, which stop
        // between pictures and say "interrupted" (each file written so far is whole).
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            void Claim(IEnumerable<string> files) => OutputFiles.Claim("--out", files, parse.GetValue(overwrite));
            int n = parse.GetValue(count);
            if (n is < 1 or > MaxCount) throw new ArgumentException($"--count {n}: 1 to {MaxCount:N0}");
            if ((parse.GetValue(grid) || parse.GetValue(classGrid)) && n > MaxGridCount)
                throw new ArgumentException($"--count {n}: a grid holds at most {MaxGridCount:N0} pictures (without --grid they are written one file each)");
            // Anything but a .png names a folder to write into.
            if (parse.GetValue(output) is { } place && !place.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && File.Exists(place))
                throw new ArgumentException($"--out {place}: is a file, not a folder (a grid goes to a name ending in .png)");
            if (parse.GetValue(tagList) is { } tagged && tagged.Split([',', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Length == 0)
                throw new ArgumentException($"--tags '{tagged}': no tag named; give tags separated by commas, e.g. \"red hair,blue eyes\"");
            if (parse.GetValue(onnx) is { } export)
            {
                if (parse.GetValue(checkpoint) is not null) throw new ArgumentException("--checkpoint and --onnx: give one (a run to sample with torch, or an export folder to sample with ONNX Runtime)");
                foreach (var (given, option) in new[] { (parse.GetValue(best), "--best"), (parse.GetValue(precision) is not null, "--precision"), (parse.GetValue(layout) is not null, "--layout") })
                    if (given) throw new ArgumentException($"{option}: applies to --checkpoint; an export is sampled as it was exported");
                if (parse.GetValue(pictures) is not null && (parse.GetValue(grid) || parse.GetValue(output)!.EndsWith(".png", StringComparison.OrdinalIgnoreCase)))
                    throw new ArgumentException($"--in: each picture is translated into a file of its own name, so --out names a folder{(parse.GetValue(grid) ? " and --grid does not apply" : $" ('{parse.GetValue(output)}' ends in .png)")}");
                var draw = parse.GetValue(dropout) switch
                {
                    null or "seeded" => Onnx.DropoutDraw.Seeded,
                    "mean" => Onnx.DropoutDraw.Mean,
                    var other => throw new ArgumentException($"--dropout {other}: allowed seeded, mean"),
                };
                return ExportSampling.Run(new ExportSampling.Request(export, n, parse.GetValue(seed), parse.GetValue(grid), parse.GetValue(output)!,
                    parse.GetValue(className), parse.GetValue(classGrid), parse.GetValue(tagList), parse.GetValue(mask), parse.GetValue(figure), parse.GetValue(pictures), parse.GetValue(overwrite)), draw,
                    parse.GetValue(device)!, cancel);
            }
            foreach (var (value, option) in new[] { (parse.GetValue(pictures), "--in"), (parse.GetValue(dropout), "--dropout") })
                if (value is not null) throw new ArgumentException($"{option}: applies to --onnx (a pix2pix run translates with sharpgan translate run)");
            var path = parse.GetValue(checkpoint) ?? throw new ArgumentException("give --checkpoint RUN (a checkpoint file or run folder) or --onnx DIR (an export folder)");
            var on = DeviceOption.Torch(parse.GetValue(device)!);
            var read = CheckpointArgument.Load(path, parse.GetValue(best));
            // Without --precision/--layout the sampler computes as the run recorded (or, for older checkpoints, as its config says here).
            var compute = parse.GetValue(precision) is null && parse.GetValue(layout) is null
                ? null
                : ComputeChoice.ForThisMachine(Allowed(parse.GetValue(precision) ?? read.Config.Train.Precision, "--precision", "auto", "fp32", "bf16"),
                    Allowed(parse.GetValue(layout) ?? read.Config.Train.Layout, "--layout", "auto", "nchw", "channels-last"), deterministic: false);
            using var sampler = new Sampler(read, compute, on);
            AnsiConsole.MarkupLineInterpolated($"[grey]device {on.type.ToString().ToLowerInvariant()}; compute: {sampler.Compute}[/]");
            var target = parse.GetValue(output)!;
            Needs(sampler, path, parse.GetValue(mask) is not null);
            if (parse.GetValue(classGrid))
            {
                var file = SampleFiles.FileOrIn(target, "classes.png");
                Claim([file]);
                PngFile.Write(file, sampler.ClassGrid(n, parse.GetValue(seed)));
                AnsiConsole.MarkupLineInterpolated($"wrote {file}: rows {string.Join(", ", sampler.Classes)}{(sampler.MultiLabel ? " (each tag alone)" : "")}");
                return 0;
            }
            if (parse.GetValue(mask) is { } maskPath)
            {
                foreach (var (given, option) in new[] { (parse.GetValue(className) is not null, "--class"), (parse.GetValue(tagList) is not null, "--tags") })
                    if (given) throw new ArgumentException($"{option}: a mask-conditioned run draws where --mask says, not a class or tags");
                WithMasks(sampler, maskPath, n, parse.GetValue(seed), target, parse.GetValue(figure), Claim);
                return 0;
            }
            if (parse.GetValue(tagList) is { } tagText)
            {
                if (parse.GetValue(grid))
                {
                    var file = SampleFiles.FileOrIn(target, "tags.png");
                    Claim([file]);
                    var sets = tagText.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(set => set.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
                    using (TorchSharp.torch.NewDisposeScope())
                    {
                        var rows = sets.Select(set => TorchSharp.torch.cat(sampler.Batches(set, n, parse.GetValue(seed)).Select(make => make()).ToList(), 0)).ToList();
                        PngFile.Write(file, ImageTensors.ToGrid(TorchSharp.torch.cat(rows, 0), n));
                    }
                    AnsiConsole.MarkupLineInterpolated($"wrote {file}: rows {string.Join(" | ", sets.Select(set => string.Join(" + ", set)))}");
                    return 0;
                }
                var tags = tagText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                Claim(SampleFiles.AllNumbered(target, "tags_", n));
                int k = 0;
                foreach (var make in sampler.Batches(tags, n, parse.GetValue(seed)))
                    using (TorchSharp.torch.NewDisposeScope())
                        foreach (var image in ImageTensors.ToImages(make()))
                        {
                            cancel.ThrowIfCancellationRequested();
                            PngFile.Write(SampleFiles.Numbered(target, "tags_", k++), image);
                        }
                AnsiConsole.MarkupLineInterpolated($"wrote {n} images tagged {string.Join(" + ", tags)} to {target}");
                return 0;
            }
            if (parse.GetValue(className) is { } name)
            {
                Claim(SampleFiles.AllNumbered(target, $"{name}_", n));
                int k = 0;
                foreach (var make in sampler.Batches(name, n, parse.GetValue(seed)))
                    using (TorchSharp.torch.NewDisposeScope())
                        foreach (var image in ImageTensors.ToImages(make()))
                        {
                            cancel.ThrowIfCancellationRequested();
                            PngFile.Write(SampleFiles.Numbered(target, $"{name}_", k++), image);
                        }
                AnsiConsole.MarkupLineInterpolated($"wrote {n} images of {name} to {target}");
                return 0;
            }
            if (parse.GetValue(grid))
            {
                var file = SampleFiles.FileOrIn(target, "grid.png");
                Claim([file]);
                PngFile.Write(file, sampler.Grid(n, parse.GetValue(seed)));
                AnsiConsole.MarkupLineInterpolated($"wrote {file}");
                return 0;
            }
            Claim(SampleFiles.AllNumbered(target, "sample_", n));
            int i = 0;
            foreach (var image in sampler.Images(n, parse.GetValue(seed)))
            {
                cancel.ThrowIfCancellationRequested();
                PngFile.Write(SampleFiles.Numbered(target, "sample_", i++), image);
            }
            AnsiConsole.MarkupLineInterpolated($"wrote {n} images to {target}");
            return 0;
        }), cancel));
        return command;
    }

    /// <summary>One picture per mask (the first <paramref name="count"/>), named after it, or the flower GAN's figure.</summary>
    static void WithMasks(Sampler sampler, string maskPath, int count, long seed, string target, bool figure, Action<IEnumerable<string>> claim)
    {
        if (Directory.Exists(maskPath)) SeparateFolders.Check(maskPath, target, "sample --mask");
        var masks = MaskFolder.Load(maskPath, sampler.MaskSize);
        foreach (var warning in masks.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]{warning}[/]");
        int n = Math.Min(count, masks.Count);
        claim(figure ? [SampleFiles.FileOrIn(target, "mask-figure.png")] : masks.Names.Take(n).Select(name => Path.Combine(target, name + ".png")));
        using var scope = TorchSharp.torch.NewDisposeScope();
        var requested = masks.ToTensor().narrow(0, 0, n);
        var generated = TorchSharp.torch.cat(sampler.Batches(requested, seed).Select(make => make()).ToArray());
        if (figure)
        {
            var real = masks.Images?.Take(Enumerable.Range(0, n).ToArray()).ToBatch().Images;
            var file = SampleFiles.FileOrIn(target, "mask-figure.png");
            PngFile.Write(file, MaskFigure.Compose(generated, requested, real));
            AnsiConsole.MarkupLineInterpolated($"wrote {file}: {n} rows of generated | mask{(real is null ? "" : " | real image of that mask")}");
            return;
        }
        var images = ImageTensors.ToImages(generated);
        for (int i = 0; i < n; i++)
            PngFile.Write(Path.Combine(target, masks.Names[i] + ".png"), images[i]);
        AnsiConsole.MarkupLineInterpolated($"wrote {n} images to {target}, one per mask of {maskPath}");
    }

    /// <summary>Refuses a run whose generator needs more than this command was given, saying what to give it.</summary>
    static void Needs(Sampler sampler, string checkpoint, bool hasMasks)
    {
        if (sampler.TranslatesPictures)
            throw new ArgumentException($"'{checkpoint}' is a pix2pix run: its generator translates pictures; use sharpgan translate run --checkpoint {checkpoint} --in IMAGE|FOLDER");
        if (sampler.TakesMasks && !hasMasks)
            throw new ArgumentException($"'{checkpoint}' is a mask-conditioned run: its generator draws where a mask says; pass --mask FILE|FOLDER (a mask, a folder of masks, or a paired data folder)");
    }

    static string Allowed(string value, string option, params string[] allowed) =>
        allowed.Contains(value) ? value : throw new ArgumentException($"{option} {value}: allowed {string.Join(", ", allowed)}");
}
