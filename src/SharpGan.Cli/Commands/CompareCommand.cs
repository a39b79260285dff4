using System.CommandLine;
using SharpGan.Data;
using SharpGan.Reporting;
using Spectre.Console;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan compare RUN... --out DIR</c>: loss curves overlaid, last grids side by side, a table.</summary>
static class CompareCommand
{
    static readonly string[] Files = ["losses.png", "grids.png", "table.md", "table.html"];

    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders (each with checkpoints/last.ckpt)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Folder for losses.png, grids.png, table.md and table.html", Required = true }.Folder();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("compare", "Compare runs: overlaid loss curves, last grids side by side, a Markdown table") { runs, output, overwrite };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var target = parse.GetValue(output)!;
            OutputFiles.Claim("--out", Files.Select(name => Path.Combine(target, name)), parse.GetValue(overwrite));
            var given = parse.GetValue(runs)!;
            if (given.GroupBy(SeparateFolders.RealPath).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new ArgumentException($"runs: {string.Join(" and ", twice)} are one run, given twice");
            var summaries = given.Select(RunComparison.Load).ToList();
            // Runs are labelled by their folder's name; two of one name (x/a, runs/a) by the paths as given instead.
            var shared = summaries.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            summaries = [.. summaries.Select(s => shared.Contains(s.Name) ? s with { Name = s.Directory } : s)];
            Directory.CreateDirectory(target);
            AtomicFile.Write(Path.Combine(target, "losses.png"), RunComparison.RenderLosses(summaries));
            PngFile.Write(Path.Combine(target, "grids.png"), RunComparison.SideBySide(summaries));
            var table = RunComparison.Table(summaries);
            AtomicFile.WriteText(Path.Combine(target, "table.md"), table);
            AtomicFile.WriteText(Path.Combine(target, "table.html"), RunComparison.Html(summaries, target));
            AnsiConsole.WriteLine(table);
            AnsiConsole.MarkupLineInterpolated($"wrote {target}/losses.png, grids.png (left to right: {string.Join(", ", summaries.Select(s => s.Name))}), table.md, table.html");
            return 0;
        }));
        return command;
    }
}
