using System.CommandLine;
using SharpGan.Bench;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>
/// <c>sharpgan bench</c>: the DCGAN-64 training step through SharpGan's trainer vs a bare TorchSharp loop, side by
/// side; <c>sharpgan bench prepare DIR</c>: <c>data prepare</c> on one thread vs every core.
/// </summary>
static class BenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Real images to feed (repeated to fill the batches)", DefaultValueFactory = _ => "data/flowers" };
        var steps = new Option<int>("--steps") { Description = "Timed steps per method per round", DefaultValueFactory = _ => 8 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first", DefaultValueFactory = _ => 2 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, alternating the methods", DefaultValueFactory = _ => 2 };
        var command = new Command("bench", "Images/s of the DCGAN-64 step: SharpGan trainer vs bare TorchSharp loop") { data, steps, warmup, rounds, Prepare() };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            int timed = parse.GetValue(steps), untimed = parse.GetValue(warmup);
            if (timed < 1 || untimed < 0) throw new ArgumentException("--steps must be ≥ 1 and --warmup ≥ 0");
            TrainingSession.ConfigureThreads(new TrainConfig());
            const int batch = 64, size = 64;
            var images = Repeated(parse.GetValue(data)!, size, (timed + untimed + 1) * batch);
            AnsiConsole.MarkupLineInterpolated($"CPU: {CpuModel()}, torch threads {TorchSharp.torch.get_num_threads()}");
            AnsiConsole.MarkupLineInterpolated($"DCGAN-64 step: batch {batch}, nz 100, ngf = ndf = 64; {timed} timed steps after {untimed} warm-up, {parse.GetValue(rounds)} rounds; median step time");
            var results = TrainStepBench.Run(images, timed, untimed, parse.GetValue(rounds), batch, line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
            var anchor = results[0].ImagesPerSecond;
            var table = new Table().AddColumns("method", "img/s (median)", "best step s", "ratio to bare loop");
            foreach (var r in results)
                table.AddRow(r.Method, $"{r.ImagesPerSecond:F1}", $"{r.BestSeconds:F3}", $"{r.ImagesPerSecond / anchor:F3}×");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    static Command Prepare()
    {
        var input = new Argument<string>("dir") { Description = "Folder to prepare (e.g. a whole emoji vendor set)" };
        var size = new Option<int>("--size") { Description = "Square side in pixels", DefaultValueFactory = _ => 128 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, alternating the methods; the best time of each counts", DefaultValueFactory = _ => 2 };
        var command = new Command("prepare", "Files/s of data prepare: one thread vs every core") { input, size, rounds };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var options = new DataTools.PrepareOptions(parse.GetValue(size), ResizeMode.Pad);
            AnsiConsole.MarkupLineInterpolated($"CPU: {CpuModel()}, {Environment.ProcessorCount} cores; data prepare --size {options.Size} --mode pad");
            var results = PrepareBench.Run(parse.GetValue(input)!, options, parse.GetValue(rounds), line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
            var table = new Table().AddColumns("method", "files", "best s", "files/s", "ratio to 1 thread");
            foreach (var r in results)
                table.AddRow(r.Method, $"{r.Files}", $"{r.BestSeconds:F2}", $"{r.FilesPerSecond:F0}", $"{r.FilesPerSecond / results[0].FilesPerSecond:F2}×");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    static ImageSet Repeated(string folder, int size, int count)
    {
        var (set, _) = ImageFolder.Load(new DataConfig { Path = folder }, size);
        var prepared = Enumerable.Range(0, count).Select(i => set.Prepared(i % set.Count)).ToList();
        return ImageSet.From(prepared, size);
    }

    static string CpuModel()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name")) : null;
        var flags = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags")) ?? "" : "";
        var notable = new[] { "avx2", "avx512f", "avx512_bf16", "amx_bf16" }.Where(f => flags.Split(' ').Contains(f));
        return $"{line?.Split(':', 2)[1].Trim() ?? "unknown"} [{string.Join(' ', notable)}]";
    }
}
