using System.Diagnostics;

namespace SharpGan.Pretrained;

/// <summary>A pretrained model present in the cache: its name, folder (model.json + weights.bin) and weight bytes.</summary>
public sealed record PretrainedModel(string Name, string Folder, long Bytes);

/// <summary>
/// Where pretrained weights live, outside the repository: <c>$SHARPGAN_PRETRAINED</c>, else
/// <c>$XDG_CACHE_HOME/sharpgan/pretrained</c> or <c>~/.cache/sharpgan/pretrained</c>. Nothing downloads at run time:
/// <see cref="Fetch"/> exports the TF.js models that the npm package nsfwjs 4.4.0 ships (scripts/export-nsfwjs.cjs,
/// run with Node), and every command that needs them stops with the fetch command when they are missing.
/// </summary>
public static class PretrainedCache
{
    /// <summary>The models the fetch step writes. Their trunks are ImageNet-trained; the final dense layers were
    /// fine-tuned by nsfwjs for its own 5 classes, so their class outputs are not ImageNet's.</summary>
    public static readonly string[] Known = ["nsfwjs-mobilenet-v2", "nsfwjs-inception-v3"];

    public const string FetchCommand = "sharpgan pretrained fetch";

    public static string Folder =>
        Environment.GetEnvironmentVariable("SHARPGAN_PRETRAINED") is { Length: > 0 } set ? set
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "sharpgan", "pretrained");

    /// <summary>The known models that are present and complete.</summary>
    public static IReadOnlyList<PretrainedModel> List() =>
        Known.Select(name => Path.Combine(Folder, name))
            .Where(dir => File.Exists(Path.Combine(dir, "model.json")) && File.Exists(Path.Combine(dir, "weights.bin")))
            .Select(dir => new PretrainedModel(Path.GetFileName(dir), dir, new FileInfo(Path.Combine(dir, "weights.bin")).Length))
            .ToList();

    /// <summary>The folder of <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">It is not in the cache; the message names the fetch command.</exception>
    public static string Require(string name)
    {
        if (!Known.Contains(name))
            throw new ArgumentException($"no pretrained model '{name}'; known: {string.Join(", ", Known)}");
        return List().FirstOrDefault(m => m.Name == name)?.Folder
            ?? throw new FileNotFoundException($"pretrained model '{name}' is not in {Folder}: run `{FetchCommand}` (needs Node and npm, once)");
    }

    /// <summary>Runs the exporter into <see cref="Folder"/> and returns what it printed.</summary>
    /// <exception cref="InvalidOperationException">Node is missing or the export failed; the message says which and why.</exception>
    public static string Fetch()
    {
        var script = Path.Combine(Path.GetTempPath(), $"sharpgan-export-nsfwjs-{Environment.ProcessId}.cjs");
        using (var resource = typeof(PretrainedCache).Assembly.GetManifestResourceStream("export-nsfwjs.cjs")
            ?? throw new InvalidOperationException("the exporter script is missing from this build"))
        using (var file = File.Create(script))
            resource.CopyTo(file);
        try
        {
            var start = new ProcessStartInfo("node", [script, Folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"exporting nsfwjs failed (node exit {process.ExitCode}): {errors.Trim()}");
            return output.Result;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"`{FetchCommand}` needs Node.js on the PATH ({e.Message})", e);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
