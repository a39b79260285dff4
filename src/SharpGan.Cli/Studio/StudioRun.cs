using SharpGan.Cli.Commands;
using SharpGan.Export;
using SharpGan.Onnx;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The run the studio shows: its generator exported into RUN/studio/ when that export is missing or older than the
/// checkpoint (so the studio never shows a stale network), then opened in ONNX Runtime. The folder is the studio's
/// own: an export a user made into RUN/export (of the best epoch, say) is never replaced by it.
/// </summary>
sealed class StudioRun : IDisposable
{
    public const string ExportFolderName = "studio";

    public string Folder { get; }
    public OnnxGenerator Generator { get; }
    public RunPanel Panel { get; }
    public SegmenterCheck? Segmenter { get; }
    /// <summary>Where the networks compute, in words (ONNX Runtime's provider).</summary>
    public string Device { get; init; } = "";

    StudioRun(string folder, OnnxGenerator generator, SegmenterCheck? segmenter)
    {
        Folder = folder;
        Generator = generator;
        Segmenter = segmenter;
        Panel = new RunPanel(folder);
    }

    /// <param name="device">--device: ONNX Runtime's provider for the generator and the segmenter (<see cref="OnnxDevice"/>).</param>
    public static StudioRun Open(string runFolder, string? segmenterPath, string device = "auto")
    {
        using var options = OnnxDevice.Options(device);   // first: a device that cannot be had fails before any export
        if (!Directory.Exists(runFolder)) throw new ArgumentException($"{runFolder}: no such run folder");
        var checkpoint = RunCheckpoints.LastOf(runFolder);
        if (!File.Exists(checkpoint)) throw new ArgumentException($"{runFolder}: no {Path.Combine(RunCheckpoints.Folder, RunCheckpoints.LastFile)} (is it a run folder?)");
        var export = Path.Combine(runFolder, ExportFolderName);
        var manifest = Path.Combine(export, OnnxGenerator.ManifestFile);
        if (!File.Exists(manifest) || File.GetLastWriteTimeUtc(manifest) < File.GetLastWriteTimeUtc(checkpoint))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]exporting the generator to {export}…[/]");
            GeneratorExport.Write(CheckpointArgument.Load(runFolder), export);
        }
        // Pix2pix's z is its dropout: seeded, its pictures vary with the seed as `translate run`'s do. Any other kind
        // gets dropout's mean, so a seed's picture is one function of its noise in a grid, a variation and a strip.
        var kind = ExportManifest.Read(manifest).Kind;
        var generator = OnnxGenerator.Open(export, kind == "pix2pix" ? DropoutDraw.Seeded : DropoutDraw.Mean, options);
        try
        {
            var segmenter = segmenterPath is null ? null : SegmenterCheck.Open(segmenterPath, options);
            if (segmenter is not null && !generator.TakesMasks)
            {
                segmenter.Dispose();
                throw new ArgumentException($"--segmenter: this run's generator takes no masks (model.conditioning {generator.Kind}); the segmenter checks mask runs");
            }
            return new StudioRun(Path.GetFullPath(runFolder), generator, segmenter) { Device = OnnxDevice.Describe(options) };
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Generator.Dispose();
        Segmenter?.Dispose();
    }
}
