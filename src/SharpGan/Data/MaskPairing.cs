namespace SharpGan.Data;

/// <summary>Where an image's mask comes from: a file beside it, or its own alpha channel.</summary>
public enum MaskSource { Folder, Suffix, Alpha }

/// <summary>
/// Pairs images with their masks under a data folder, by one of three rules (issue 4): a <c>masks/</c> folder at
/// the top holding the same relative file names; a <c>NAME_mask.*</c> file beside <c>NAME.*</c>; or the image's
/// alpha channel. <c>auto</c> takes the first rule the folder uses. Mask files are never images to train on.
/// </summary>
public static class MaskPairing
{
    public const string FolderName = "masks";
    public const string Suffix = "_mask";

    /// <summary>True for a file that is some image's mask under <paramref name="root"/> (never a training image).</summary>
    public static bool IsMaskFile(string root, string file) =>
        InFolder(root, file) || Path.GetFileNameWithoutExtension(file).EndsWith(Suffix, StringComparison.Ordinal);

    static bool InFolder(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0] == FolderName;

    /// <summary>The rule a folder uses under <paramref name="mode"/> (auto: masks/ folder, then _mask files, then alpha).</summary>
    public static MaskSource Resolve(string root, IReadOnlyList<string> maskFiles, string mode) => mode switch
    {
        "folder" => MaskSource.Folder,
        "suffix" => MaskSource.Suffix,
        "alpha" => MaskSource.Alpha,
        "auto" when Directory.Exists(Path.Combine(root, FolderName)) => MaskSource.Folder,
        "auto" when maskFiles.Any(m => !InFolder(root, m)) => MaskSource.Suffix,
        "auto" => MaskSource.Alpha,
        _ => throw new ArgumentException($"data.masks = '{mode}': allowed {string.Join(", ", Config.ConfigValidator.MaskModes)}"),
    };

    /// <summary>
    /// Each image's mask file (null under <see cref="MaskSource.Alpha"/>). Images without one stop the run with a
    /// message naming them: a mask-conditioned model cannot learn from an image whose object it cannot locate.
    /// </summary>
    public static string?[] Pair(string root, IReadOnlyList<string> images, IReadOnlyList<string> maskFiles, MaskSource source)
    {
        if (source == MaskSource.Alpha) return new string?[images.Count];
        var byKey = maskFiles.Where(m => InFolder(root, m) == (source == MaskSource.Folder))
            .ToLookup(m => Key(root, m, source), StringComparer.Ordinal);
        var pairs = images.Select(i => byKey[Key(root, i, MaskSource.Alpha)].FirstOrDefault()).ToArray();
        var missing = images.Where((_, i) => pairs[i] is null).ToList();
        if (missing.Count > 0)
        {
            string where = source == MaskSource.Folder ? $"{Path.Combine(root, FolderName)}{Path.DirectorySeparatorChar}NAME" : "NAME" + Suffix;
            throw new DataException($"{missing.Count} of {images.Count} images under '{root}' have no mask ({where}.*): "
                + string.Join(", ", missing.Take(5).Select(m => Path.GetRelativePath(root, m))) + (missing.Count > 5 ? ", …" : ""));
        }
        return pairs;
    }

    /// <summary>The image a file belongs to: its relative path without extension, less masks/ or _mask.</summary>
    static string Key(string root, string file, MaskSource source)
    {
        var relative = Path.GetRelativePath(root, file);
        if (source == MaskSource.Folder) relative = Path.GetRelativePath(FolderName, relative);
        var stem = Path.Combine(Path.GetDirectoryName(relative) ?? "", Path.GetFileNameWithoutExtension(relative));
        return source == MaskSource.Suffix ? stem[..^Suffix.Length] : stem;
    }
}
