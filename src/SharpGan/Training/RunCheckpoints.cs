namespace SharpGan.Training;

/// <summary>
/// A run folder's checkpoints: <c>checkpoints/last.ckpt</c> and the one before it, <c>checkpoints/previous.ckpt</c>.
/// Reading a run takes the last when it is intact and falls back to the previous, saying so, when the last is
/// missing or damaged (a kill between the two renames of a save, a flipped byte on disk).
/// </summary>
public static class RunCheckpoints
{
    public const string Folder = "checkpoints";
    public const string LastFile = "last.ckpt";
    public const string PreviousFile = "previous.ckpt";
    /// <summary>The checkpoint of the epoch that scored best so far in training's evaluation (eval.every).</summary>
    public const string BestFile = "best.ckpt";

    public static string LastOf(string runDirectory) => Path.Combine(runDirectory, Folder, LastFile);
    public static string PreviousOf(string runDirectory) => Path.Combine(runDirectory, Folder, PreviousFile);

    public static string BestOf(string runDirectory) => Path.Combine(runDirectory, Folder, BestFile);

    /// <summary>The run's best checkpoint (<c>--best</c>): a run folder's <c>checkpoints/best.ckpt</c>, verified.</summary>
    public static Checkpoint LoadBest(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
            throw new FileNotFoundException($"--best needs a run folder, and '{runDirectory}' is not one", runDirectory);
        var best = BestOf(runDirectory);
        if (!File.Exists(best))
            throw new FileNotFoundException($"'{runDirectory}' has no best checkpoint ({Path.Combine(Folder, BestFile)}): " +
                "training keeps one only when it evaluates (set eval.every and eval.backbone)", best);
        return Checkpoint.Read(best);
    }

    /// <summary>The run folder a checkpoint file belongs to (<c>RUN/checkpoints/*.ckpt</c> → RUN), or null when it lies elsewhere.</summary>
    public static string? RunDirectoryOf(string checkpointFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(checkpointFile));
        return folder is not null && Path.GetFileName(folder) == Folder ? Path.GetDirectoryName(folder) : null;
    }

    /// <summary>
    /// The newest intact checkpoint of a run folder, or the given file. For a run's <c>last.ckpt</c> that is missing
    /// or damaged, its <c>previous.ckpt</c>, with <see cref="Checkpoint.Notice"/> saying why.
    /// </summary>
    public static Checkpoint Load(string runOrFile)
    {
        bool isRun = Directory.Exists(runOrFile);
        var last = isRun ? LastOf(runOrFile) : runOrFile;
        string? previous = Path.GetFileName(last) == LastFile ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(last))!, PreviousFile) : null;
        if (!File.Exists(last) && (previous is null || !File.Exists(previous)))
            throw new FileNotFoundException(!isRun ? $"checkpoint '{last}' does not exist"
                : File.Exists(Path.Combine(runOrFile, "config.json")) || Directory.Exists(Path.Combine(runOrFile, Folder))
                    ? $"'{runOrFile}' holds no checkpoint ({Path.Combine(Folder, LastFile)} does not exist)"
                    : $"'{runOrFile}' is not a SharpGan run: it has no config.json and no {Folder}/ (train into it first, or give a checkpoint file)", last);
        try
        {
            return Checkpoint.Read(last);
        }
        catch (Exception e) when (e is DamagedCheckpointException or FileNotFoundException && previous is not null)
        {
            var why = e is DamagedCheckpointException d ? $"is damaged ({d.Problem})" : "is missing (a save was interrupted)";
            if (!File.Exists(previous))
                throw new DamagedCheckpointException(last, $"{(e as DamagedCheckpointException)?.Problem ?? "missing"}; there is no {PreviousFile} to fall back to " +
                    "— start the run again with --overwrite, or restore the file from a copy", e);
            Checkpoint older;
            try
            {
                older = Checkpoint.Read(previous);
            }
            catch (DamagedCheckpointException both)
            {
                throw new DamagedCheckpointException(last, $"{(e as DamagedCheckpointException)?.Problem ?? "missing"}, and {PreviousFile} is damaged too ({both.Problem})", e);
            }
            return older.WithNotice($"'{last}' {why}; using '{previous}' (epoch {older.State.Epoch}, step {older.State.Step}) instead");
        }
    }
}
