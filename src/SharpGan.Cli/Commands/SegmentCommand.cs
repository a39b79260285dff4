using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Reporting;
using SharpGan.Segmentation;
using SharpGan.Training;
using Spectre.Console;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary>
/// <c>sharpgan segment train|predict|select</c>: the flower GAN's object segmenter: train a U-Net on image + mask pairs,
/// predict masks for a folder, and keep the images whose object is clearly located, as a paired training set.
/// </summary>
static class SegmentCommand
{
    public const string ModelFile = Segmenter.FileName, LogFile = "segment-log.csv", PreviewFile = "held-out.png",
        PredictionsFile = "predictions.csv", SelectionFile = "selection.csv";
    const string SelectionHeader = "file,area,largest_component,confidence,kept,reason";
    const int PreviewRows = 8;

    public static Command Create() => new("segment", "Object segmentation (as in the location-constrained flower GAN): train a U-Net on image + mask pairs, predict masks, select clearly located images")
    {
        TrainCommand(),
        PredictCommand(),
        SelectCommand(),
    };

    static Command TrainCommand()
    {
        var data = new Option<string>("--data") { Description = "Folder of pairs: masks/NAME.png, NAME_mask.png, or each image's alpha", Required = true };
        var output = new Option<string>("--out", "-o") { Description = $"Folder for {ModelFile}, {LogFile} and {PreviewFile}", Required = true }.Folder();
        var defaults = new SegmentationOptions();
        var size = new Option<int>("--size") { Description = "Image size (a multiple of 2^depth)", DefaultValueFactory = _ => defaults.ImageSize };
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Adam's learning rate", DefaultValueFactory = _ => defaults.Lr };
        var depth = new Option<int>("--depth") { Description = "U-Net levels (poolings)", DefaultValueFactory = _ => defaults.Depth };
        var filters = new Option<int>("--filters") { Description = "U-Net channels at full resolution (doubling per level, up to 8×)", DefaultValueFactory = _ => defaults.BaseFilters };
        var heldOut = new Option<double>("--held-out") { Description = "Share of pairs held out to measure IoU", DefaultValueFactory = _ => defaults.HeldOutFraction };
        var seed = new Option<long>("--seed") { Description = "Seed of the weights, the split, the order and the flips", DefaultValueFactory = _ => defaults.Seed };
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("train", "Train a segmenter; prints each epoch's loss and held-out IoU")
        {
            data, output, size, epochs, batch, lr, depth, filters, heldOut, seed, overwrite,
        };
        // Task.Run: System.CommandLine must get a running task at once for Ctrl+C to reach the loop.
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var options = defaults with
            {
                ImageSize = parse.GetValue(size), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), Lr = parse.GetValue(lr),
                Depth = parse.GetValue(depth), BaseFilters = parse.GetValue(filters), HeldOutFraction = parse.GetValue(heldOut), Seed = parse.GetValue(seed),
            };
            options.Validate();
            if (SeparateFolders.Inside(parse.GetValue(output)!, parse.GetValue(data)!))
                throw new ArgumentException($"--out {parse.GetValue(output)}: lies inside --data {parse.GetValue(data)}, whose next training would read its preview as a picture; write elsewhere");
            OutputFiles.Claim("--out", new[] { ModelFile, LogFile, PreviewFile }.Select(name => Path.Combine(parse.GetValue(output)!, name)), parse.GetValue(overwrite));
            return Task.FromResult(Train(parse.GetValue(data)!, parse.GetValue(output)!, options, cancel));
        }), cancel));
        return command;
    }

    static int Train(string data, string output, SegmentationOptions options, CancellationToken cancel)
    {
        TrainingSession.ConfigureThreads(new TrainConfig());
        var (pairs, report) = SegmentationData.Load(data, options.ImageSize, cancel);
        foreach (var line in report.Lines()) AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
        AnsiConsole.MarkupLineInterpolated($"[bold]segmenter[/] on {pairs.Count} pairs from [blue]{data}[/] at {options.ImageSize}px → [blue]{output}[/]");
        var clock = Stopwatch.StartNew();
        var history = new List<SegmentationEpoch>();
        SegmentationResult result;
        try
        {
            result = SegmentationTraining.Train(pairs, options, new EpochLines(epoch =>
            {
                history.Add(epoch);
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"epoch {epoch.Epoch}/{epoch.Epochs}: loss {epoch.Loss:F4}, held-out IoU {epoch.HeldOutIou:F3}, Dice {epoch.HeldOutDice:F3} ({epoch.Seconds:F1} s)");
                AtomicFile.WriteText(Path.Combine(output, LogFile), Log(history));
            }), cancel);
        }
        catch (OperationCanceledException)
        {
            // Without a model the log describes nothing, and left there it would stop the next run (--out taken).
            if (File.Exists(Path.Combine(output, LogFile))) File.Delete(Path.Combine(output, LogFile));
            AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted[/] after {history.Count} epoch(s); no model written");
            return CliErrors.Interrupted;
        }
        using var model = result.Model;
        model.Save(Path.Combine(output, ModelFile));
        PngFile.Write(Path.Combine(output, PreviewFile), SegmentationPreview.Rows(model, pairs, result.HeldOut.Take(PreviewRows).ToList()));
        var last = result.History[^1];
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[green]done[/] in {clock.Elapsed.TotalSeconds:F0} s: held-out IoU {last.HeldOutIou:F3} on {result.HeldOut.Count} pairs; wrote {Path.Combine(output, ModelFile)}, {LogFile}, {PreviewFile}");
        return 0;
    }

    static string Log(IEnumerable<SegmentationEpoch> history)
    {
        var csv = new StringBuilder("epoch,loss,held_out_iou,held_out_dice,seconds\n");
        foreach (var e in history)
            csv.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Loss:F5},{e.HeldOutIou:F4},{e.HeldOutDice:F4},{e.Seconds:F2}\n");
        return csv.ToString();
    }

    static Command PredictCommand()
    {
        var model = new Option<string>("--model", "-m") { Description = $"A segmenter: segment train's --out folder, or the {ModelFile} in it", Required = true };
        var input = new Option<string>("--in") { Description = "Folder of images (searched recursively)", Required = true };
        var output = new Option<string>("--out", "-o") { Description = $"Folder for masks/ (same relative names, .png, 0/255) and {PredictionsFile}", Required = true }.Folder();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("predict", "Predict each image's object mask") { model, input, output, overwrite };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(input)!, target = parse.GetValue(output)!;
            SeparateFolders.Check(folder, target, "segment predict");
            OutputFiles.Claim("--out", Relative(folder).Select(name => MaskPath(target, name)).Append(Path.Combine(target, PredictionsFile)), parse.GetValue(overwrite));
            using var segmenter = Load(parse.GetValue(model)!);
            var csv = new StringBuilder("file,area,largest_component,confidence\n");
            int count = 0;
            foreach (var mask in FolderSegmentation.Predict(segmenter, folder, Skipped, cancel))
            {
                PngFile.WriteGray(MaskPath(target, mask.RelativePath), mask.Width, mask.Height, mask.Mask);
                csv.Append(CultureInfo.InvariantCulture, $"{CsvField.Quote(mask.RelativePath)},{mask.Stats.Area:F4},{mask.Stats.LargestComponent:F4},{mask.Stats.Confidence:F4}\n");
                count++;
            }
            AtomicFile.WriteText(Path.Combine(target, PredictionsFile), csv.ToString());
            AnsiConsole.MarkupLineInterpolated($"{count} masks → {Path.Combine(target, MaskPairing.FolderName)}; {Path.Combine(target, PredictionsFile)}");
            return Task.FromResult(0);
        }), cancel));
        return command;
    }

    static Command SelectCommand()
    {
        var defaults = new MaskSelectionRules();
        var model = new Option<string>("--model", "-m") { Description = $"A segmenter: segment train's --out folder, or the {ModelFile} in it", Required = true };
        var input = new Option<string>("--in") { Description = "Folder of images (searched recursively), e.g. a generator's samples", Required = true };
        var output = new Option<string>("--out", "-o") { Description = $"Folder for the kept images with masks/ beside them (a paired set) and {SelectionFile}", Required = true }.Folder();
        var minArea = new Option<double>("--min-area") { Description = "Smallest share of the image the object may cover", DefaultValueFactory = _ => defaults.MinArea };
        var maxArea = new Option<double>("--max-area") { Description = "Largest share of the image the object may cover", DefaultValueFactory = _ => defaults.MaxArea };
        var minComponent = new Option<double>("--min-component") { Description = "Smallest share of the mask in its largest connected piece", DefaultValueFactory = _ => defaults.MinLargestComponent };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Smallest mean per-pixel certainty, max(p, 1 − p)", DefaultValueFactory = _ => defaults.MinConfidence };
        var maxBorder = new Option<double?>("--max-border") { Description = "Largest share of the frame's edge the object may touch (default: not checked)" };
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("select", "Keep the images whose predicted object is clearly located (the location-constrained flower GAN's filter)")
        {
            model, input, output, minArea, maxArea, minComponent, minConfidence, maxBorder, overwrite,
        };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var rules = new MaskSelectionRules(parse.GetValue(minArea), parse.GetValue(maxArea), parse.GetValue(minComponent),
                parse.GetValue(minConfidence), parse.GetValue(maxBorder));
            rules.Validate();
            string folder = parse.GetValue(input)!, target = parse.GetValue(output)!;
            SeparateFolders.Check(folder, target, "segment select");
            // Any image may be kept, so every image's copy and mask are claimed; with --overwrite they go first, and the
            // pairs the earlier selection listed as kept, so that none it kept and this one drops (or never saw) stays in
            // what is meant to be a training set.
            var claimed = Relative(folder).SelectMany(name => new[] { Path.Combine(target, name), MaskPath(target, name) }).ToList();
            OutputFiles.Claim("--out", claimed.Append(Path.Combine(target, SelectionFile)), parse.GetValue(overwrite));
            using var segmenter = Load(parse.GetValue(model)!);
            // Once the segmenter has loaded: a bad --model loses nothing.
            OutputFolder.ClearListed(target, SelectionFile, SelectionHeader, row => row.Length > 4 && row[4] == "yes" ? [row[0], Path.GetRelativePath(target, MaskPath(target, row[0]))] : []);
            foreach (var earlier in claimed.Where(File.Exists)) File.Delete(earlier);
            var csv = new StringBuilder(SelectionHeader + "\n");
            var verdicts = new List<MaskVerdict>();
            foreach (var mask in FolderSegmentation.Predict(segmenter, folder, Skipped, cancel))
            {
                var verdict = MaskSelection.Judge(mask.Stats, rules);
                verdicts.Add(verdict);
                if (verdict.Kept)
                {
                    var copy = Path.Combine(target, mask.RelativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.Copy(Path.Combine(folder, mask.RelativePath), copy, overwrite: true);
                    PngFile.WriteGray(MaskPath(target, mask.RelativePath), mask.Width, mask.Height, mask.Mask);
                }
                csv.Append(CultureInfo.InvariantCulture,
                    $"{CsvField.Quote(mask.RelativePath)},{mask.Stats.Area:F4},{mask.Stats.LargestComponent:F4},{mask.Stats.Confidence:F4},{(verdict.Kept ? "yes" : "no")},{CsvField.Quote(verdict.Reason ?? "")}\n");
            }
            AtomicFile.WriteText(Path.Combine(target, SelectionFile), csv.ToString());
            var summary = MaskSelection.Summarise(verdicts);
            AnsiConsole.MarkupLineInterpolated($"{summary.Total} → {summary.Kept} kept ({Share(summary.Kept, summary.Total)}); {Path.Combine(target, SelectionFile)}");
            if (summary.Dropped.Count > 0)
            {
                var table = new Table().AddColumns("dropped by", "images", "share");
                foreach (var (rule, count) in summary.Dropped)
                    table.AddRow(MaskSelectionRules.Name(rule), count.ToString(CultureInfo.InvariantCulture), Share(count, summary.Total));
                AnsiConsole.Write(table);
            }
            return Task.FromResult(0);
        }), cancel));
        return command;
    }

    /// <summary>The images of <paramref name="folder"/> by their names relative to it, as the outputs take them.</summary>
    static IEnumerable<string> Relative(string folder) =>
        FolderSegmentation.Images(folder).Select(path => Path.GetRelativePath(folder, path));

    static Segmenter Load(string path)
    {
        TrainingSession.ConfigureThreads(new TrainConfig());
        return Segmenter.Load(path);
    }

    /// <summary>Where an image's mask goes: <c>masks/</c> with the same relative name as PNG, the layout <see cref="MaskPairing"/> pairs.</summary>
    static string MaskPath(string output, string relativePath) =>
        Path.ChangeExtension(Path.Combine(output, MaskPairing.FolderName, relativePath), ".png");

    static void Skipped(SkippedFile file) => AnsiConsole.MarkupLineInterpolated($"[yellow]skipped {file.Path}: {file.Reason}[/]");

    static string Share(int part, int total) => total == 0 ? "–" : ((double)part / total).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Reports each epoch on the training thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class EpochLines(Action<SegmentationEpoch> onEpoch) : IProgress<SegmentationEpoch>
    {
        public void Report(SegmentationEpoch value) => onEpoch(value);
    }
}
