namespace SharpGan.Data;

/// <summary>
/// Class labels from a CSV of <c>file,label</c> rows (a <c>file,label</c> header is optional; file paths are relative
/// to the data folder). Classes are the sorted distinct labels. Images without a row are unlabelled (−1) where the
/// method can use them (the semi-supervised GAN), an error otherwise.
/// </summary>
public static class ClassesCsv
{
    /// <exception cref="DataException">A row names no image of the set, names one twice, lacks a label, or images have
    /// no row when unlabelled ones are not allowed; the message names the CSV line or the images.</exception>
    public static (string[] Classes, int[] Labels) Labels(string csv, string root, IReadOnlyList<string> paths, bool allowUnlabelled)
    {
        if (!File.Exists(csv)) throw new DataException($"labels file '{csv}' does not exist (data.labels_file)");
        var index = paths.Select((p, i) => (Key(Path.GetRelativePath(root, p)), i)).ToDictionary(e => e.Item1, e => e.i, StringComparer.Ordinal);
        var byImage = new Dictionary<int, string>();
        var lines = File.ReadAllLines(csv);
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || (n == 0 && line.Equals("file,label", StringComparison.OrdinalIgnoreCase))) continue;
            int comma = line.LastIndexOf(',');
            if (comma <= 0 || comma == line.Length - 1)
                throw new DataException($"{csv}:{n + 1}: expected 'file,label', got '{line}'");
            var file = line[..comma].Trim().Trim('"');
            var label = line[(comma + 1)..].Trim().Trim('"');
            if (!index.TryGetValue(Key(file), out int image))
                throw new DataException($"{csv}:{n + 1}: '{file}' is not an image under '{root}'");
            if (!byImage.TryAdd(image, label))
                throw new DataException($"{csv}:{n + 1}: '{file}' is labelled twice");
        }
        var missing = Enumerable.Range(0, paths.Count).Where(i => !byImage.ContainsKey(i)).ToList();
        if (missing.Count > 0 && !allowUnlabelled)
            throw new DataException($"{csv}: {missing.Count} of {paths.Count} images have no label row: "
                + string.Join(", ", missing.Take(5).Select(i => Path.GetRelativePath(root, paths[i]))) + (missing.Count > 5 ? ", …" : ""));
        var classes = byImage.Values.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DataException($"{csv}: {classes.Length} class(es); classes need at least 2");
        return (classes, Enumerable.Range(0, paths.Count).Select(i => byImage.TryGetValue(i, out var l) ? Array.IndexOf(classes, l) : -1).ToArray());
    }

    /// <summary>The set with each image's class from <paramref name="csv"/> attached (−1: unlabelled).</summary>
    public static ImageSet Label(string csv, string root, ImageSet images, bool allowUnlabelled)
    {
        var (classes, labels) = Labels(csv, root, images.Paths, allowUnlabelled);
        return images.WithLabels(classes, labels);
    }

    static string Key(string relative) => relative.Replace('\\', '/');
}
