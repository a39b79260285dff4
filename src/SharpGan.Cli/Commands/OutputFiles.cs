using System.CommandLine;
using SharpGan.Data;

namespace SharpGan.Cli.Commands;

/// <summary>
/// The files a command is about to write, claimed before its work starts. None may replace a file that is already
/// there unless the user passed <c>--overwrite</c> — an evaluation's report written over a run's config.json, a
/// sample over someone's photo, a comparison over last week's — and the place must take files: otherwise an
/// evaluation of ten minutes ends on "access denied". Train's <c>--overwrite</c> means the same for a run folder.
/// </summary>
static class OutputFiles
{
    /// <summary>How many of the files already there a refusal names before it counts the rest.</summary>
    const int Named = 3;

    public static Option<bool> OverwriteOption() =>
        new("--overwrite") { Description = "Replace files already there (without it, a command refuses to write over any file)" };

    /// <summary>Refuses, naming <paramref name="option"/>, when one of <paramref name="files"/> exists and
    /// <paramref name="overwrite"/> is off, when one is a folder, or when a folder they go to cannot take files.</summary>
    /// <param name="inputs">Files the command reads: none may be among the outputs, --overwrite or not.</param>
    public static void Claim(string option, IEnumerable<string> files, bool overwrite, IEnumerable<string>? inputs = null)
    {
        var paths = files.ToList();
        var read = (inputs ?? []).Where(File.Exists).Select(SeparateFolders.RealPath).ToHashSet();
        if (read.Count > 0 && paths.FirstOrDefault(p => read.Contains(SeparateFolders.RealPath(p))) is { } input)
            throw new ArgumentException($"{option}: {input} is a picture this command reads; write elsewhere");
        foreach (var path in paths.Where(p => p.EndsWith(Path.DirectorySeparatorChar) || p.EndsWith(Path.AltDirectorySeparatorChar)))
            throw new ArgumentException($"{option} {path}: ends in '/', a folder, where a file name is needed");
        Unexpanded(option, paths);
        // Two inputs whose names differ only in their folder or extension (a.png, sub/a.png; b.png, b.jpg) would be
        // written to one file, the second over the first.
        if (paths.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1) is { } shared)
            throw new ArgumentException($"{option}: two outputs would both be written to {shared.First()} (inputs whose names differ only " +
                "in folder or extension, or an input named as one of the command's own files); rename one");
        if (paths.FirstOrDefault(Directory.Exists) is { } folder)
            throw new ArgumentException($"{option}: {folder} is a folder, where a file is to be written");
        if (!overwrite && paths.Where(File.Exists).ToList() is { Count: > 0 } taken)
        {
            var names = string.Join(", ", taken.Take(Named)) + (taken.Count > Named ? $" and {taken.Count - Named:N0} more" : "");
            throw new ArgumentException($"{option}: {names} already {(taken.Count == 1 ? "exists" : "exist")}; " +
                $"pass --overwrite to replace {(taken.Count == 1 ? "it" : "them")}, or write elsewhere");
        }
        foreach (var place in paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct().Select(f => NearestExisting(option, f)).Distinct())
            CheckWritable(option, place);
    }

    public static void Claim(string option, string file, bool overwrite) => Claim(option, [file], overwrite);

    /// <summary>For a command that fills a whole folder (a run, a data tool's output): the folder, or the closest
    /// one above it that exists, must take files.</summary>
    public static void CheckFolder(string option, string folder)
    {
        Unexpanded(option, [folder]);
        CheckWritable(option, NearestExisting(option, Path.GetFullPath(folder)));
    }

    /// <summary>A quoted <c>~/x</c> reaches the command as it is, and would make a folder named <c>~</c> here.</summary>
    static void Unexpanded(string option, IEnumerable<string> paths)
    {
        if (paths.FirstOrDefault(p => p == "~" || p.StartsWith("~/", StringComparison.Ordinal)) is { } path)
            throw new ArgumentException($"{option} {path}: '~' is expanded by the shell only when unquoted; give the path without quotes, or in full");
    }

    /// <summary>The folder itself, or the closest folder above it that exists (the command creates the rest).</summary>
    static string NearestExisting(string option, string folder)
    {
        var at = folder;
        while (!Directory.Exists(at))
        {
            if (File.Exists(at))
                throw new ArgumentException($"{option}: {at} is a file, where a folder is needed");
            at = Path.GetDirectoryName(at) ?? throw new ArgumentException($"{folder}: no such place");
        }
        return at;
    }

    /// <summary>Creates and deletes an empty file: permissions and read-only mounts answer here, before the work instead
    /// of after it (a full disk still answers only when bytes are written).</summary>
    static void CheckWritable(string option, string folder)
    {
        var probe = Path.Combine(folder, $".sharpgan-write-check-{Guid.NewGuid():N}");
        try
        {
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "it takes no new files",   // /proc, /sys
                _ => e.Message,
            };
            throw new ArgumentException($"{option}: cannot write in {folder} ({why})");
        }
    }
}
