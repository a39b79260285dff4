namespace SharpGan.Data;

/// <summary>Files found in a folder that could not be used, each with the reason.</summary>
public sealed record DecodeReport(int Found, IReadOnlyList<SkippedFile> Skipped)
{
    public int Loaded => Found - Skipped.Count;

    public IEnumerable<string> Lines() =>
        Skipped.Select(s => $"skipped {s.Path}: {s.Reason}");
}

public sealed record SkippedFile(string Path, string Reason);
