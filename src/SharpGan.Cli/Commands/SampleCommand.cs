using System.CommandLine;
using SharpGan.Reporting;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan sample</c>: checkpoint → N PNG files, or one grid.</summary>
static class SampleCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint file or run folder", Required = true };
        var count = new Option<int>("--count", "-n") { Description = "Number of images", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Noise seed", DefaultValueFactory = _ => 0 };
        var grid = new Option<bool>("--grid") { Description = "Write one grid PNG instead of separate files" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (or .png file with --grid)", Required = true };
        var command = new Command("sample", "Generate images from a trained checkpoint") { checkpoint, count, seed, grid, output };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(checkpoint)!;
            if (Directory.Exists(path)) path = Path.Combine(path, "checkpoints", "last.ckpt");
            int n = parse.GetValue(count);
            if (n < 1) throw new ArgumentException($"--count {n}: must be at least 1");
            using var sampler = new Sampler(Checkpoint.Read(path));
            var target = parse.GetValue(output)!;
            if (parse.GetValue(grid))
            {
                var file = target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, "grid.png");
                PngFile.Write(file, sampler.Grid(n, parse.GetValue(seed)));
                AnsiConsole.MarkupLineInterpolated($"wrote {file}");
                return 0;
            }
            int i = 0;
            foreach (var image in sampler.Images(n, parse.GetValue(seed)))
                PngFile.Write(Path.Combine(target, $"sample_{i++:D5}.png"), image);
            AnsiConsole.MarkupLineInterpolated($"wrote {n} images to {target}");
            return 0;
        }));
        return command;
    }
}
