namespace SharpGan.Data;

/// <summary>Files found in a folder that could not be used, each with the reason.</summary>
public sealed record DecodeReport(int Found, IReadOnlyList<SkippedFile> Skipped)
{
    public int Loaded => Found - Skipped.Count;

    /// <summary>Decoded images that the labels left out (data.labels tags), each with the reason.</summary>
    public IReadOnlyList<DroppedImage> Dropped { get; init; } = [];

    /// <summary>Warnings on images that were used all the same: flawed masks, images blown up to the training size.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Pictures decoded by this load: 0 when a decoded cache was reused.</summary>
    public int Decoded { get; init; }

    /// <summary>Where the decoded pictures are kept and why (data.cache): a line for the run's start-up and run.log.</summary>
    public string Storage { get; init; } = "";

    public IEnumerable<string> Lines() =>
        Skipped.Select(s => $"skipped {s.Path}: {s.Reason}").Concat(Dropped.Count == 0 ? [] :
        [$"dropped {Dropped.Count} image(s) for their tags: " + string.Join(", ", Dropped.GroupBy(d => d.Problem).Select(g => $"{g.Count()} {g.Key}")) + " (labels-report.csv)"])
        .Concat(Notes);
}

public sealed record SkippedFile(string Path, string Reason);
