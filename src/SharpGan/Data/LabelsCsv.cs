namespace SharpGan.Data;

/// <summary>Class labels from a CSV file (<c>data.labels: csv</c>): one <c>file,label</c> row per image, file paths
/// relative to data.path. Images without a row are unlabelled (−1): allowed where the recipe trains on unlabelled
/// images (semi-supervised), refused otherwise.</summary>
internal static class LabelsCsv
{
    /// <exception cref="DataException">A bad or unmatched row, fewer than two classes, or unlabelled images where
    /// <paramref name="allowUnlabelled"/> is false (the first few named).</exception>
    public static (string[] Classes, int[] Labels) Labels(string labelFile, IReadOnlyList<string> lines, string root,
        IReadOnlyList<string> paths, bool allowUnlabelled)
    {
        var matched = LabelRows.Match(labelFile, root, paths, LabelRows.Parse(labelFile, lines));
        var classes = matched.OfType<LabelRow>().Select(r => r.Value).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DataException($"{labelFile}: {classes.Length} class(es); classes need at least 2");
        var unlabelled = paths.Where((_, i) => matched[i] is null).ToList();
        if (unlabelled.Count > 0 && !allowUnlabelled)
            throw new DataException($"{labelFile} has no row for {unlabelled.Count} image(s), e.g. "
                + string.Join(", ", unlabelled.Take(3).Select(p => Path.GetRelativePath(root, p)))
                + " (only model.conditioning semi-supervised trains on unlabelled images)");
        return (classes, matched.Select(r => r is null ? -1 : Array.IndexOf(classes, r.Value)).ToArray());
    }

    /// <summary>The set with each image's class from <paramref name="labelFile"/> attached.</summary>
    public static ImageSet Label(string labelFile, string root, ImageSet images, bool allowUnlabelled)
    {
        var (classes, labels) = Labels(labelFile, LabelRows.Read(labelFile, "data.labels_file"), root, images.Paths, allowUnlabelled);
        return images.WithLabels(classes, labels);
    }
}
