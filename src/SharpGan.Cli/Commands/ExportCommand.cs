using System.CommandLine;
using SharpGan.Export;
using SharpGan.Metrics;
using SharpGan.Segmentation;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan export</c>: a run's generator (or a segmenter, or a domain backbone) as ONNX + its manifest.</summary>
static class ExportCommand
{
    static readonly string[] Whats = ["generator", "segmenter", "backbone"];

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The run folder or checkpoint (generator), segmenter .safetensors file (segmenter) or backbone .sgb file (backbone)" };
        var output = new Option<string>("--out", "-o") { Description = "Folder to write NAME.onnx and NAME.json into", Required = true }.Folder();
        var what = new Option<string>("--what") { Description = "generator, segmenter or backbone", DefaultValueFactory = _ => "generator" };
        var best = CheckpointArgument.BestOption();
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("export", "Export a trained network to ONNX (fp32, NCHW, dynamic batch) with a manifest of its inputs") { source, output, what, best, overwrite };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var path = parse.GetValue(source)!;
            var folder = parse.GetValue(output)!;
            // Each kind writes KIND.onnx and its manifest KIND.json.
            if (Whats.Contains(parse.GetValue(what)))
                OutputFiles.Claim("--out", [Path.Combine(folder, parse.GetValue(what) + ".onnx"), Path.Combine(folder, parse.GetValue(what) + ".json")], parse.GetValue(overwrite));
            // The file kinds of the other two, given without --what: say which --what they take.
            if (parse.GetValue(what) == "generator" && Path.GetExtension(path).ToLowerInvariant() is ".sgb" or ".safetensors" && File.Exists(path))
                throw new ArgumentException($"{path}: a {(path.EndsWith(".sgb", StringComparison.OrdinalIgnoreCase) ? "domain backbone; export it with --what backbone" : "segmenter, as segment train writes one; export it with --what segmenter")}");
            var result = parse.GetValue(what) switch
            {
                "generator" => GeneratorExport.Write(CheckpointArgument.Load(path, parse.GetValue(best)), folder),
                "segmenter" => WithSegmenter(path, folder),
                "backbone" => WithBackbone(path, folder),
                var other => throw new ArgumentException($"--what {other}: allowed {string.Join(", ", Whats)}"),
            };
            var m = result.Manifest;
            AnsiConsole.MarkupLineInterpolated($"wrote {result.OnnxPath} ({result.OnnxBytes / 1024.0:F0} KiB, opset {m.Opset}) and {result.ManifestPath}");
            AnsiConsole.MarkupLineInterpolated($"inputs: {string.Join(", ", m.Inputs.Select(i => $"{i.Name} [{Shape(i.Shape)}]"))}; outputs: {string.Join(", ", m.Outputs.Select(o => $"{o.Name} [{Shape(o.Shape)}]"))}");
            AnsiConsole.MarkupLineInterpolated($"[grey]ONNX Runtime matches the network within {result.MaxDifference:G2} (max |Δ| on fixed inputs){(m.Ema ? "; EMA weights" : "")}[/]");
            return 0;
        }));
        return command;
    }

    static ExportResult WithSegmenter(string path, string folder)
    {
        using var segmenter = Segmenter.Load(path);
        return SegmenterExport.Write(segmenter, path, folder);
    }

    static ExportResult WithBackbone(string path, string folder)
    {
        using var backbone = DomainBackbone.Load(path);
        return BackboneExport.Write(backbone, path, folder);
    }

    static string Shape(IReadOnlyList<long> shape) => string.Join('×', shape.Select(d => d < 0 ? "batch" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
