using System.CommandLine;
using System.Diagnostics;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.DataTools;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan data prepare|augment|pairs|composite</c>: clean a messy folder; multiply a folder with the augmentation codes;
/// make pix2pix pairs from a folder; paste cut-outs on backgrounds as image + mask pairs.</summary>
static class DataCommand
{
    public static Command Create() => new("data", "Data tools: prepare a messy folder, augment a folder, make pix2pix pairs from a folder, composite cut-outs on backgrounds")
    {
        Prepare(),
        Augment(),
        Pairs(),
        Composite(),
    };

    static Command Prepare()
    {
        var input = new Argument<string>("in") { Description = "Folder to read (never modified)" };
        var output = new Argument<string>("out") { Description = "Folder to write: 8-bit RGB PNGs, same sub-folders, plus the report" }.Folder();
        var size = new Option<int>("--size") { Description = "Square side in pixels", DefaultValueFactory = _ => 64 };
        var mode = new Option<ResizeMode>("--mode") { Description = "crop (centre square) or pad (fit, pad with the background)", DefaultValueFactory = _ => ResizeMode.Crop };
        var background = new Option<string>("--background") { Description = "Colour for padding and transparency, #rrggbb", DefaultValueFactory = _ => "#ffffff" };
        var minSize = new Option<int>("--min-size") { Description = "Drop images narrower or shorter than this", DefaultValueFactory = _ => 16 };
        var threads = new Option<int>("--threads") { Description = "Files processed at once (0: every core)", DefaultValueFactory = _ => 0 };
        var command = new Command("prepare", "Resize, convert to 8-bit RGB, drop duplicates and bad files, report every file") { input, output, size, mode, background, minSize, threads };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            int side = parse.GetValue(size);
            if (side is < 8 or > 4096) throw new ArgumentException($"--size {side}: allowed 8..4096");
            if (parse.GetValue(threads) < 0) throw new ArgumentException("--threads must be ≥ 0");
            OutputFiles.CheckFolder("output", parse.GetValue(output)!);
            var clock = Stopwatch.StartNew();
            var entries = PrepareFolder.Run(parse.GetValue(input)!, parse.GetValue(output)!,
                new PrepareOptions(side, parse.GetValue(mode), parse.GetValue(background)!, parse.GetValue(minSize), parse.GetValue(threads)), cancel);
            double seconds = clock.Elapsed.TotalSeconds;
            AnsiConsole.Write(PrepareFolder.Summary(entries));
            AnsiConsole.MarkupLineInterpolated($"{entries.Count / seconds:F0} files/s ({seconds:F1} s); report: {Path.Combine(parse.GetValue(output)!, PrepareFolder.ReportFile)}");
            return Task.FromResult(0);
        }), cancel));
        return command;
    }

    static Command Augment()
    {
        var folder = new Argument<string>("dir") { Description = "Folder of images (searched recursively)" };
        var codes = new Argument<string[]>("codes") { Description = "fliph flipv noise_X rot_X trans_X_Y zoom_X1_Y1_X2_Y2 blur_X", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Write here instead of beside the sources" }.Folder();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("augment", "Augmentation codes (fliph, rot_90, …): one new picture per image and code, named NAME__CODE.png") { folder, codes, output, overwrite };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            OutputFiles.Claim(parse.GetValue(output) is null ? "data augment" : "--out",
                AugmentFolder.Targets(parse.GetValue(folder)!, parse.GetValue(codes)!, parse.GetValue(output)), parse.GetValue(overwrite));
            var result = AugmentFolder.Run(parse.GetValue(folder)!, parse.GetValue(codes)!, parse.GetValue(output));
            foreach (var s in result.Skipped) AnsiConsole.MarkupLineInterpolated($"[yellow]skipped {s.Path}: {s.Reason}[/]");
            AnsiConsole.MarkupLineInterpolated($"{result.Sources} images × {parse.GetValue(codes)!.Length} codes → {result.Written} files");
            return 0;
        }));
        return command;
    }

    static Command Composite()
    {
        var defaults = new CompositeOptions();
        var objects = new Argument<string>("objects") { Description = "Folder of cut-outs: pictures with transparency (searched recursively)" };
        var output = new Argument<string>("out") { Description = "Folder to write: 00000.png…, masks/00000.png…, composite.csv, composite.json, licenses/" }.Folder();
        var count = new Option<int>("--count") { Description = "Image + mask pairs to make", DefaultValueFactory = _ => defaults.Count };
        var size = new Option<int>("--size") { Description = "Square side in pixels (16..1024)", DefaultValueFactory = _ => defaults.Size };
        var seed = new Option<int>("--seed") { Description = "Same seed, same options: same bytes", DefaultValueFactory = _ => defaults.Seed };
        var scaleMin = new Option<double>("--scale-min") { Description = "Smallest object: its longer side as a fraction of the side", DefaultValueFactory = _ => defaults.ScaleMin };
        var scaleMax = new Option<double>("--scale-max") { Description = "Largest object, as --scale-min", DefaultValueFactory = _ => defaults.ScaleMax };
        var rotate = new Option<double>("--rotate") { Description = "Objects turn by up to ± this many degrees", DefaultValueFactory = _ => defaults.RotateDegrees };
        var perImage = new Option<int>("--objects-per-image") { Description = $"Objects on each image (1..{CompositeOptions.MaxObjectsPerImage}; they may overlap)", DefaultValueFactory = _ => defaults.ObjectsPerImage };
        var backgrounds = new Option<string?>("--backgrounds") { Description = "Folder of photos to crop backgrounds from, instead of generating them" };
        var kind = new Option<BackgroundKind>("--background-kind") { Description = "Generated backgrounds: gradient, noise or mixed", DefaultValueFactory = _ => defaults.Background };
        var gradientNoise = new Option<int>("--gradient-noise") { Description = "Per-pixel noise on gradient backgrounds, ± this per channel (0: clean)", DefaultValueFactory = _ => defaults.GradientNoise };
        var command = new Command("composite", "Paste cut-outs at random places, scales and angles on backgrounds: image + mask pairs")
        {
            objects, output, count, size, seed, scaleMin, scaleMax, rotate, perImage, backgrounds, kind, gradientNoise,
        };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var options = new CompositeOptions(parse.GetValue(count), parse.GetValue(size), parse.GetValue(seed), parse.GetValue(scaleMin),
                parse.GetValue(scaleMax), parse.GetValue(rotate), parse.GetValue(perImage), parse.GetValue(kind), parse.GetValue(backgrounds), parse.GetValue(gradientNoise));
            OutputFiles.CheckFolder("output", parse.GetValue(output)!);
            var clock = Stopwatch.StartNew();
            var result = CompositeFolder.Run(parse.GetValue(objects)!, parse.GetValue(output)!, options, cancel);
            double seconds = clock.Elapsed.TotalSeconds;
            foreach (var s in result.SkippedObjects) AnsiConsole.MarkupLineInterpolated($"[yellow]skipped object {s.Path}: {s.Reason}[/]");
            foreach (var s in result.SkippedBackgrounds) AnsiConsole.MarkupLineInterpolated($"[yellow]skipped background {s.Path}: {s.Reason}[/]");
            var from = result.Backgrounds > 0 ? $"{result.Backgrounds} photos" : $"{options.Background.ToString().ToLowerInvariant()} backgrounds";
            AnsiConsole.MarkupLineInterpolated(
                $"{result.Images} pairs ({result.Placed} objects from {result.Objects} cut-outs on {from}) in {seconds:F1} s ({result.Images / seconds:F0} pairs/s) → {parse.GetValue(output)}");
            return Task.FromResult(0);
        }), cancel));
        return command;
    }

    static Command Pairs()
    {
        var input = new Argument<string>("in") { Description = "Folder of images (searched recursively; never modified)" };
        var output = new Argument<string>("out") { Description = "Folder to write: A/NAME.png (input), B/NAME.png (target), pairs.csv" }.Folder();
        var kind = new Option<PairKind>("--kind") { Description = "edges (Canny), mask (alpha), gray (colourisation) or lowres (super-resolution)", Required = true };
        var size = new Option<int>("--size") { Description = "Square side in pixels", DefaultValueFactory = _ => 64 };
        var sigma = new Option<double>("--sigma") { Description = "edges: Gaussian blur σ in pixels (0: none)", DefaultValueFactory = _ => new CannyOptions().Sigma };
        var low = new Option<double>("--low") { Description = "edges: weak threshold (a step of this share of the intensity range)", DefaultValueFactory = _ => new CannyOptions().Low };
        var high = new Option<double>("--high") { Description = "edges: strong threshold", DefaultValueFactory = _ => new CannyOptions().High };
        var factor = new Option<int>("--factor") { Description = "lowres: shrink factor", DefaultValueFactory = _ => 4 };
        var test = new Option<double>("--test") { Description = "Share of pictures for OUT/test, the rest in OUT/train (0: no split)", DefaultValueFactory = _ => 0 };
        var seed = new Option<long>("--seed") { Description = "Seed of the train/test split", DefaultValueFactory = _ => 1 };
        var command = new Command("pairs", "Make pix2pix pairs from any folder: edges, mask, gray or low-resolution inputs beside the images") { input, output, kind, size, sigma, low, high, factor, test, seed };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var options = new PairOptions(parse.GetValue(kind), parse.GetValue(size),
                new CannyOptions(parse.GetValue(sigma), parse.GetValue(low), parse.GetValue(high)), parse.GetValue(factor),
                parse.GetValue(test), parse.GetValue(seed));
            SeparateFolders.Check(parse.GetValue(input)!, parse.GetValue(output)!, "data pairs");
            OutputFiles.CheckFolder("output", parse.GetValue(output)!);
            var clock = Stopwatch.StartNew();
            var result = PairMaker.Run(parse.GetValue(input)!, parse.GetValue(output)!, options, cancel);
            foreach (var s in result.Skipped) AnsiConsole.MarkupLineInterpolated($"[yellow]skipped {s.Path}: {s.Reason}[/]");
            var ink = options.Kind is PairKind.Edges or PairKind.Mask ? $", mean {options.Kind.ToString().ToLowerInvariant()} share {result.MeanInk:P1}" : "";
            AnsiConsole.MarkupLineInterpolated($"{result.Pairs} pairs{ink} in {clock.Elapsed.TotalSeconds:F1} s → {parse.GetValue(output)}");
            return Task.FromResult(0);
        }), cancel));
        return command;
    }
}
