namespace SharpGan.Training;

/// <summary>
/// A run folder belongs to one run. A fresh run refuses a folder that already holds one (its config, log or
/// checkpoints) unless told to overwrite it; overwriting removes what the old run wrote — the trainer's own files and
/// every sink's <see cref="ITrainingSink.Outputs"/> — so no stale grid or row stays beside the new ones. Files that no
/// run writes are left alone, inside the run's own folders too (a picture a user saved in samples/ beside the grids),
/// and a folder is removed only when nothing else is left in it.
/// </summary>
public static class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string LogFile = "run.log";

    /// <summary>What a training session itself writes into a run folder (a name, or a folder/pattern of names).</summary>
    public static readonly IReadOnlyList<string> TrainerOutputs = [$"{RunCheckpoints.Folder}/*.ckpt", $"{RunCheckpoints.Folder}/*.ckpt.tmp", ConfigFile, LogFile, RunLabels.ReportFile];

    public static bool HoldsRun(string directory) =>
        new[] { RunCheckpoints.Folder, ConfigFile, LogFile }.Any(name => Path.Exists(Path.Combine(directory, name)));

    /// <summary>Refuses a fresh run in a folder that holds another, or files by the names the run would write (a user's
    /// own metrics.csv), naming the ways on.</summary>
    public static void CheckFree(string directory, IEnumerable<ITrainingSink> sinks)
    {
        if (!HoldsRun(directory))
        {
            var taken = Written(directory, sinks.SelectMany(s => s.Outputs)).ToList();
            if (taken.Count > 0)
                throw new Config.ConfigException($"output.dir '{directory}' already holds {string.Join(", ", taken)}, which a run writes: " +
                    "train into a new --out, or pass --overwrite to replace them");
            return;
        }
        var last = RunCheckpoints.LastOf(directory);
        if (!File.Exists(last) && !File.Exists(RunCheckpoints.PreviousOf(directory)))
            throw new Config.ConfigException($"output.dir '{directory}' holds a run that stopped before its first checkpoint: " +
                "pass --overwrite to start it again, or train into a new --out");
        throw new Config.ConfigException($"output.dir '{directory}' already holds a run (checkpoint {Path.Combine(RunCheckpoints.Folder, RunCheckpoints.LastFile)}): " +
            $"continue it with --resume {directory}, train into a new --out, or pass --overwrite to replace it");
    }

    /// <summary>Removes the trainer's and the sinks' outputs of an earlier run from <paramref name="directory"/>:
    /// each named file, and in a folder the files its pattern matches (<c>samples/epoch_*.png</c>); the folder goes
    /// too once empty.</summary>
    public static void Clear(string directory, IEnumerable<ITrainingSink> sinks)
    {
        foreach (var output in TrainerOutputs.Concat(sinks.SelectMany(s => s.Outputs)).Distinct())
        {
            var path = Path.Combine(directory, output);
            var folder = Path.GetDirectoryName(path)!;
            var pattern = Path.GetFileName(path);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, pattern))
                File.Delete(file);
            if (!SamePath(folder, directory) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
        }
    }

    /// <summary>Which of <paramref name="outputs"/> a run left in <paramref name="directory"/>: a named file, or the
    /// folder of a pattern that matches a file there.</summary>
    public static IEnumerable<string> Written(string directory, IEnumerable<string> outputs) =>
        outputs.Select(output => (output, folder: Path.GetDirectoryName(output) ?? "", pattern: Path.GetFileName(output)))
            .Where(o => o.pattern.Contains('*')
                ? Directory.Exists(Path.Combine(directory, o.folder)) && Directory.EnumerateFiles(Path.Combine(directory, o.folder), o.pattern).Any()
                : Path.Exists(Path.Combine(directory, o.output)))
            .Select(o => o.pattern.Contains('*') ? o.folder : o.output)
            .Distinct();

    static bool SamePath(string a, string b) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(b));
}
