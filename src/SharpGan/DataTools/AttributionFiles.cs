namespace SharpGan.DataTools;

/// <summary>
/// The licence and attribution files at the top of a data folder (LICENSE*, NOTICE*, ATTRIBUTION*, manifest.csv, …).
/// Pictures derived from licensed artwork (the built-in flowers are Apache-2.0 / CC-BY emoji) must carry them along.
/// </summary>
internal static class AttributionFiles
{
    static readonly string[] Prefixes = ["license", "licence", "copying", "notice", "attribution", "credits", "authors"];

    public static bool IsAttribution(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        return name == "manifest.csv" || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Copies them into <paramref name="target"/>; returns their names.</summary>
    public static IReadOnlyList<string> CopyTo(string folder, string target)
    {
        var files = Directory.EnumerateFiles(folder).Where(IsAttribution).Order(StringComparer.Ordinal).ToList();
        if (files.Count > 0)
            Directory.CreateDirectory(target);
        foreach (var file in files)
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return files.Select(Path.GetFileName).ToList()!;
    }
}
