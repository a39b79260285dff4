namespace SharpGan.Training;

/// <summary>
/// A run folder belongs to one run. A fresh run refuses a folder that already holds one (its config, log or
/// checkpoints) unless told to overwrite it; overwriting removes what the old run wrote — the trainer's own files and
/// every sink's <see cref="ITrainingSink.Outputs"/> — so no stale grid or row stays beside the new ones. Files that no
/// run writes are left alone.
/// </summary>
public static class RunFolder
{
    public const string ConfigFile = "config.json";
    public const string LogFile = "run.log";

    /// <summary>What a training session itself writes into a run folder.</summary>
    public static readonly IReadOnlyList<string> TrainerOutputs = [RunCheckpoints.Folder, ConfigFile, LogFile, RunLabels.ReportFile];

    public static bool HoldsRun(string directory) =>
        new[] { RunCheckpoints.Folder, ConfigFile, LogFile }.Any(name => Path.Exists(Path.Combine(directory, name)));

    /// <summary>Refuses a fresh run in a folder that holds another, naming the ways on.</summary>
    public static void CheckFree(string directory)
    {
        if (!HoldsRun(directory)) return;
        var last = RunCheckpoints.LastOf(directory);
        var what = File.Exists(last) ? $"a run (checkpoint {Path.Combine(RunCheckpoints.Folder, RunCheckpoints.LastFile)})" : "a run";
        throw new Config.ConfigException($"output.dir '{directory}' already holds {what}: continue it with --resume {directory}, " +
            "train into a new --out, or pass --overwrite to replace it");
    }

    /// <summary>Removes the trainer's and the sinks' outputs of an earlier run from <paramref name="directory"/>.</summary>
    public static void Clear(string directory, IEnumerable<ITrainingSink> sinks)
    {
        foreach (var name in TrainerOutputs.Concat(sinks.SelectMany(s => s.Outputs)).Distinct())
        {
            var path = Path.Combine(directory, name);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }
}
