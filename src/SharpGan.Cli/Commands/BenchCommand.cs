using System.CommandLine;
using System.Text.Json;
using SharpGan.Bench;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Files;
using SharpGan.Native;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>
/// <c>sharpgan bench</c>: the DCGAN training step and sampling, bare fp32 NCHW TorchSharp loop vs SharpGan's trainer
/// under each compute policy, side by side at 64 and 128 px; <c>sharpgan bench prepare DIR</c>: <c>data prepare</c>
/// on one thread vs every core.
/// </summary>
static class BenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Real images to feed (repeated to fill the batches)", DefaultValueFactory = _ => "data/flowers" };
        var sizes = new Option<int[]>("--sizes") { Description = "Image sizes", DefaultValueFactory = _ => [64, 128], AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "Timed steps per method per round", DefaultValueFactory = _ => 6 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first", DefaultValueFactory = _ => 2 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, the methods taking turns in each", DefaultValueFactory = _ => 2 };
        var all = new Option<bool>("--all-policies") { Description = "Time bf16 even on a CPU without native bf16 (emulated: slow)" };
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file (- for standard output only)" };
        var profile = new Option<bool>("--profile") { Description = "Instead: one trainer step under each policy split into G and D forwards, backwards, optimiser steps, weight copies and casts, batch norm and loader wait (ms per step)" };
        var growth = new Option<string?>("--growth") { Description = "Instead: the trainer under auto at every --sizes × --batches, train img/s and the steps' memory, as a table, and as a figure written to this .png" };
        var recipeFile = new Option<FileInfo?>("--config") { Description = "Instead of the bench's DCGAN: the recipe of this config (model, loss, tricks, batch; unconditional), each policy against its fp32 NCHW; with --profile, split by span" };
        var batches = new Option<int[]>("--batches") { Description = "Batch sizes for --growth", DefaultValueFactory = _ => [16, 64, 256], AllowMultipleArgumentsPerToken = true };
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("bench", "Training and sampling images/s: bare fp32 NCHW TorchSharp loop vs SharpGan under each layout and precision")
        {
            data, sizes, steps, warmup, rounds, all, json, profile, growth, batches, recipeFile, overwrite, Prepare(),
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new BenchOptions(parse.GetValue(sizes)!, parse.GetValue(steps), parse.GetValue(warmup), parse.GetValue(rounds));
            if (options.Steps < 1 || options.Warmup < 0 || options.Rounds < 1) throw new ArgumentException("--steps and --rounds must be ≥ 1, --warmup ≥ 0");
            if (options.Sizes.Any(s => s is < 32 or > 256 || (s & (s - 1)) != 0)) throw new ArgumentException("--sizes: powers of two from 32 to 256");
            if (parse.GetValue(json) is { } jsonFile and not "-") OutputFiles.Claim("--json", jsonFile, parse.GetValue(overwrite));
            if (parse.GetValue(growth) is { } growthFile) OutputFiles.Claim("--growth", growthFile, parse.GetValue(overwrite));
            TrainingSession.ConfigureThreads(new TrainConfig());
            var cpu = CpuFlags.Current;
            var policies = parse.GetValue(all) ? ComputeProbe.Candidates(cpu with { Flags = new HashSet<string>(cpu.Flags) { "avx512_bf16" } }) : ComputeProbe.Candidates(cpu);
            bool quiet = parse.GetValue(json) == "-";
            void Say(string line) { if (!quiet) AnsiConsole.MarkupLineInterpolated($"{line}"); }
            Say($"CPU: {cpu}, torch threads {TorchSharp.torch.get_num_threads()}, {Environment.ProcessorCount} cores; native heap: {NativeHeap.State}");
            var auto = ComputeChoice.ForThisMachine("auto", "auto", deterministic: false);
            Say($"auto picks: {auto}");
            SharpGanConfig? recipe = null;
            if (parse.GetValue(recipeFile) is { } file)
            {
                if (parse.GetValue(growth) is not null) throw new ArgumentException("--growth times the bench's DCGAN: leave out --config");
                if (parse.GetResult(sizes) is { Implicit: false }) throw new ArgumentException($"--sizes and --config: the size is {file.Name}'s model.image_size");
                recipe = RecipeToTime(file.FullName);
                options = options with { Sizes = [recipe.Model.ImageSize], Batch = recipe.Train.BatchSize };
                Say($"recipe: {file.Name} ({recipe.Model.Architecture}, {recipe.Train.Loss}, batch {recipe.Train.BatchSize}, ADA {recipe.Tricks.Ada.ToString().ToLowerInvariant()}: adaptive p starts at 0, so a bench's few steps time no augmentation)");
            }
            if (parse.GetResult(data) is null or { Implicit: true } && !Directory.Exists(parse.GetValue(data)))
                throw new ArgumentException($"--data: the default, {parse.GetValue(data)}, is the repository's built-in flowers and is not here; run from the repository's root, or give --data FOLDER");
            if (parse.GetValue(growth) is { } figure)
            {
                if (!figure.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"--growth {figure}: the figure's file name ends in .png");
                var sides = parse.GetValue(batches)!;
                if (sides.Any(b => b < 1)) throw new ArgumentException("--batches: each at least 1");
                Growth(parse.GetValue(data)!, options, sides, auto.Policy, figure, parse.GetValue(json), Say);
                return 0;
            }
            var loaded = new Dictionary<int, ImageSet>();
            ImageSet Images(int size) => loaded.TryGetValue(size, out var set) ? set : loaded[size] = Repeated(parse.GetValue(data)!, size, (options.Warmup + options.Steps + 1) * options.Batch);
            foreach (var size in options.Sizes)
                Say($"data loader alone at {size} px: {TrainStepBench.LoaderMilliseconds(Images(size), options.Batch):F1} ms per batch of {options.Batch} (gathered on a background task while the step runs)");
            if (parse.GetValue(profile))
            {
                Say($"trainer step as in the bench, by span: {options.Steps} steps after {options.Warmup} untimed, the policies taking turns in {options.Rounds} rounds, mean ms per step");
                foreach (var size in options.Sizes)
                {
                    WriteProfile(size, TrainStepBench.Profile(Images(size), options, policies, recipe), auto.Policy);
                    if (recipe is not null) continue;
                    var o = OptimiserStepBench.Run(size, options);
                    Say($"optimiser alone at {size} px, G + D ({o.Parameters:N0} parameters), median ms, side by side: TorchSharp's Adam {o.StockMilliseconds:F1}, one pass {o.OnePassMilliseconds:F1} ({o.StockMilliseconds / o.OnePassMilliseconds:F2}×); zero_grad {o.ZeroMilliseconds:F1}, clearing {o.ClearMilliseconds:F2}");
                    var alone = ConvolutionsAloneBench.Run(size, options, [.. new[] { ComputePolicy.Fp32Nchw }.Concat(policies.Where(p => p != ComputePolicy.Fp32Nchw))]);
                    Say($"convolutions alone at {size} px, G's and D's layers forward and both gradients, median ms of a pass, side by side: "
                        + string.Join(", ", alone.Select(a => $"{a.Policy} {a.Milliseconds:F0} ({alone[0].Milliseconds / a.Milliseconds:F2}×)"))
                        + "; a policy's step gains about what its convolutions gain, and no more");
                    foreach (var c in ConvolutionRouteBench.Run(Images(size), options, [.. new[] { auto.Policy, ComputePolicy.Fp32Nchw }.Distinct()]))
                        Say($"convolutions at {size} px under {c.Policy}, trainer step, median ms, side by side: libtorch's kernels alone {c.KernelsMilliseconds:F0}, with SharpGan's patch routes {c.PatchesMilliseconds:F0} ({c.KernelsMilliseconds / c.PatchesMilliseconds:F2}×)");
                }
                return 0;
            }
            Say($"{(recipe is null ? "DCGAN step: nz 100, ngf = ndf = 64" : "the recipe's step")}, batch {options.Batch}; {options.Steps} timed steps after {options.Warmup} untimed, {options.Rounds} rounds, median step; sampling: eval, no autograd, batch {options.SampleBatch}, best of {options.SampleRepeats}");
            Action<string>? log = quiet ? null : line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            var rows = recipe is null ? TrainStepBench.Run(Images, options, policies, log)
                : TrainStepBench.RunRecipe(recipe, Images(recipe.Model.ImageSize), options, policies, log);
            string against = recipe is null ? "× anchor" : $"× {policies[0]}";
            if (!quiet)
            {
                var table = new Table().AddColumns("px", "method", "train img/s", against, "sample img/s", against);
                foreach (var r in rows)
                    table.AddRow($"{r.ImageSize}", r.Method + (r.Policy == auto.Policy ? " (auto)" : ""), r.TrainImagesPerSecond is { } t ? $"{t:F1}" : "—", r.TrainRatio is { } ratio ? $"{ratio:F2}×" : "—",
                        $"{r.SampleImagesPerSecond:F0}", $"{r.SampleRatio:F2}×");
                AnsiConsole.Write(table);
            }
            if (parse.GetValue(json) is { } target)
            {
                var report = new
                {
                    cpu = cpu.Model,
                    flags = CpuFlags.Notable.Where(cpu.Flags.Contains).ToArray(),
                    threads = TorchSharp.torch.get_num_threads(),
                    native_heap = NativeHeap.State,
                    auto = new { precision = auto.Policy.Precision, layout = auto.Policy.Layout, reason = auto.Reason },
                    recipe = parse.GetValue(recipeFile)?.Name,
                    ratios_against = recipe is null ? "bare TorchSharp loop" : policies[0].ToString(),
                    options,
                    rows = rows.Select(r => new
                    {
                        size = r.ImageSize, method = r.Method, precision = r.Policy?.Precision ?? "fp32", layout = r.Policy?.Layout ?? "nchw",
                        train_images_per_second = r.TrainImagesPerSecond, train_ratio = r.TrainRatio,
                        sample_images_per_second = r.SampleImagesPerSecond, sample_ratio = r.SampleRatio,
                    }),
                };
                var text = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
                if (quiet) Console.WriteLine(text);
                else File.WriteAllText(target, text);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>A config file's recipe, checked as <c>train</c> checks it, its <c>auto</c> tricks decided; only an
    /// unconditional one, as the bench's pictures carry no labels, masks or pairs.</summary>
    static SharpGanConfig RecipeToTime(string file)
    {
        if (File.Exists(file) && InputFile.Problem(file) is { } notAFile)
            throw new ConfigException($"config file '{file}': {notAFile}");   // a FIFO would block the read for ever
        var config = ConfigLoader.Load(file, []);
        if (config.Model.Conditioning != "none")
            throw new ArgumentException($"{file}: model.conditioning = {config.Model.Conditioning}: the bench times unconditional recipes (its pictures carry no labels, masks or pairs)");
        Recipes.Kinds.GanKinds.Check(config);
        return Recipes.Kinds.GanKinds.Resolve(config);
    }

    static void Growth(string data, BenchOptions options, int[] batches, ComputePolicy policy, string figure, string? json, Action<string> say)
    {
        say($"DCGAN ngf = ndf = 64 under auto ({policy}); {options.Steps} timed steps after {options.Warmup} untimed, median; memory: the peak resident set during the steps above the process's before them");
        var rows = GrowthBench.Run((size, batch) => Repeated(data, size, (options.Warmup + options.Steps + 1) * batch), options.Sizes, batches, options, policy,
            line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
        var table = new Table().AddColumns("px", "batch", "train img/s", "s per step", "step memory MB");
        foreach (var r in rows)
            table.AddRow($"{r.ImageSize}", $"{r.Batch}", $"{r.TrainImagesPerSecond:F1}", $"{r.StepSeconds:F2}", r.StepMegabytes is { } mb ? $"{mb:F0}" : "—");
        AnsiConsole.Write(table);
        AtomicFile.Write(figure, GrowthPlot.Png(rows, $"{CpuFlags.Current.Model}, torch threads: {TorchSharp.torch.get_num_threads()}, {policy}"));
        say($"wrote {figure}");
        if (json is not null && json != "-")
            File.WriteAllText(json, JsonSerializer.Serialize(new { cpu = CpuFlags.Current.Model, threads = TorchSharp.torch.get_num_threads(), policy = policy.ToString(), rows },
                new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>A column per policy, a row per span (ms per step; "of which" rows are inside the rows above them).</summary>
    static void WriteProfile(int size, IReadOnlyList<TrainStepBench.PolicyProfile> profiles, ComputePolicy auto)
    {
        var table = new Table().AddColumn($"{size} px, ms per step");
        foreach (var p in profiles) table.AddColumn(p.Policy + (p.Policy == auto ? " (auto)" : ""));
        var names = profiles.SelectMany(p => p.Spans.Select(s => s.Name)).Distinct().ToList();
        foreach (var name in names)
            table.AddRow([name, .. profiles.Select(p => p.Spans.FirstOrDefault(s => s.Name == name) is { Name: not null } span ? $"{span.Milliseconds:F1}" : "—")]);
        table.AddRow(["the whole step", .. profiles.Select(p => $"{p.StepMilliseconds:F1}")]);
        // Not milliseconds, but where they go when the heap hands memory back: each fault is a page paged in afresh.
        if (profiles.All(p => p.PageFaultsPerStep is not null))
            table.AddRow([$"page faults per step (native heap: {NativeHeap.State})", .. profiles.Select(p => $"{p.PageFaultsPerStep:N0}")]);
        AnsiConsole.Write(table);
    }

    static Command Prepare()
    {
        var input = new Argument<string>("dir") { Description = "Folder to prepare (e.g. a whole emoji vendor set)" };
        var size = new Option<int>("--size") { Description = "Square side in pixels", DefaultValueFactory = _ => 128 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, alternating the methods; the best time of each counts", DefaultValueFactory = _ => 2 };
        var command = new Command("prepare", "Files/s of data prepare: one thread vs every core") { input, size, rounds };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            int side = parse.GetValue(size), times = parse.GetValue(rounds);
            if (side is < 8 or > 4096) throw new ArgumentException($"--size {side}: allowed 8..4096");
            if (times < 1) throw new ArgumentException($"--rounds {times}: at least 1");
            var options = new DataTools.PrepareOptions(side, ResizeMode.Pad);
            AnsiConsole.MarkupLineInterpolated($"CPU: {CpuFlags.Current}, {Environment.ProcessorCount} cores; data prepare --size {options.Size} --mode pad");
            var results = PrepareBench.Run(parse.GetValue(input)!, options, parse.GetValue(rounds), line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
            var table = new Table().AddColumns("method", "files", "best s", "files/s", "ratio to 1 thread");
            foreach (var r in results)
                table.AddRow(r.Method, $"{r.Files}", $"{r.BestSeconds:F2}", $"{r.FilesPerSecond:F0}", $"{r.FilesPerSecond / results[0].FilesPerSecond:F2}×");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary>Enough images for all of a method's steps in one epoch, so no epoch-end work falls inside the timing.</summary>
    static ImageSet Repeated(string folder, int size, int count)
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = folder }, size);
        var prepared = Enumerable.Range(0, Math.Max(count, set.Count)).Select(i => set.Prepared(i % set.Count)).ToList();
        return ImageSet.From(prepared, size);
    }
}
