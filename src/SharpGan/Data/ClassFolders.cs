namespace SharpGan.Data;

/// <summary>Class labels from the folder-per-class layout: an image's class is the first folder of its path under the root.</summary>
internal static class ClassFolders
{
    /// <exception cref="DataException">Images lie directly in the root, or there are fewer than two classes.</exception>
    public static (string[] Classes, int[] Labels) Labels(string root, IReadOnlyList<string> paths)
    {
        var names = paths.Select(p => Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar)).ToList();
        var loose = names.Where(n => n.Length < 2).Select(n => n[0]).Take(3).ToList();
        if (loose.Count > 0)
            throw new DataException($"'{root}' must hold one sub-folder per class; images directly in it: {string.Join(", ", loose)}");
        var classes = names.Select(n => n[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DataException($"'{root}' has {classes.Length} class folder(s); classes need at least 2");
        return (classes, names.Select(n => Array.IndexOf(classes, n[0])).ToArray());
    }

    /// <summary>The set with each image's class attached.</summary>
    public static ImageSet Label(string root, ImageSet images)
    {
        var (classes, labels) = Labels(root, images.Paths);
        return images.WithLabels(classes, labels);
    }

    /// <summary>
    /// Keeps the labels of a seeded <paramref name="fraction"/> of each class (at least one image per class) and marks
    /// the rest unlabelled (−1): the labelled share of a semi-supervised run.
    /// </summary>
    public static ImageSet KeepLabelled(ImageSet images, double fraction, long seed)
    {
        var labels = images.Labels ?? throw new ArgumentException("the set has no labels");
        var kept = Enumerable.Repeat(-1, images.Count).ToArray();
        foreach (var group in Enumerable.Range(0, images.Count).GroupBy(i => labels[i]))
        {
            var members = group.ToArray();
            new Random(unchecked((int)(seed * 7919 + group.Key))).Shuffle(members);
            foreach (var i in members.Take(Math.Max(1, (int)Math.Round(members.Length * fraction))))
                kept[i] = labels[i];
        }
        return images.WithLabels(images.Classes, kept);
    }
}
