namespace SharpGan.Data;

/// <summary>An image left out of a tagged set, and why (written to the run's labels-report.csv).</summary>
public sealed record DroppedImage(string File, string Problem, string Group = "", string Tags = "");

/// <summary>
/// Multi-hot attribute tags (<c>data.labels: tags</c>; the anime-face report's hair and eye colours): rows of <c>file,tag1;tag2</c>.
/// The vocabulary is the sorted set of tags the file names. As the anime-face report did, an image carrying two tags of one
/// exclusive group (two hair colours) is dropped, and so is an image without a row: G is asked for tag vectors
/// drawn from the kept rows, so every kept row must be a combination worth asking for.
/// </summary>
internal sealed record AttributeTags(string[] Vocabulary, int[] Kept, float[] MultiHot, IReadOnlyList<DroppedImage> Dropped)
{
    /// <param name="paths">The loaded images; <see cref="Kept"/> indexes them and <see cref="MultiHot"/> has one row
    /// of <see cref="Vocabulary"/>.Length per kept image.</param>
    /// <exception cref="DataException">A bad row, a row naming no image, a group tag no row uses, or no image left.</exception>
    public static AttributeTags Parse(string tagFile, IReadOnlyList<string> lines, string root, IReadOnlyList<string> paths,
        string groupFile = "", IReadOnlyList<TagGroup>? groups = null)
    {
        var matched = LabelRows.Match(tagFile, root, paths, LabelRows.Parse(tagFile, lines));
        var tagsOf = matched.Select(r => r is null ? null
            : r.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray()).ToArray();
        var vocabulary = tagsOf.OfType<string[]>().SelectMany(t => t).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (vocabulary.Length == 0) throw new DataException($"{tagFile}: no tags");
        groups ??= [];
        foreach (var group in groups)
            foreach (var tag in group.Tags)
                if (Array.BinarySearch(vocabulary, tag, StringComparer.Ordinal) < 0)
                    throw new DataException($"{groupFile}: group '{group.Name}' names tag '{tag}', which {tagFile} never uses; its tags: {string.Join(", ", vocabulary)}");

        var kept = new List<int>();
        var dropped = new List<DroppedImage>();
        for (int i = 0; i < paths.Count; i++)
        {
            var file = Path.GetRelativePath(root, paths[i]).Replace('\\', '/');
            if (tagsOf[i] is not { } tags) { dropped.Add(new DroppedImage(file, "no row")); continue; }
            var conflict = groups.Select(g => (g.Name, Both: tags.Where(g.Tags.Contains).ToArray())).FirstOrDefault(g => g.Both.Length > 1);
            if (conflict.Both is not null) dropped.Add(new DroppedImage(file, "two tags of one group", conflict.Name, string.Join(";", conflict.Both)));
            else kept.Add(i);
        }
        if (kept.Count < 2)
            throw new DataException($"{tagFile}: {kept.Count} image(s) left after dropping {dropped.Count}; training needs at least 2");
        var multiHot = new float[kept.Count * vocabulary.Length];
        for (int k = 0; k < kept.Count; k++)
            foreach (var tag in tagsOf[kept[k]]!)
                multiHot[k * vocabulary.Length + Array.BinarySearch(vocabulary, tag, StringComparer.Ordinal)] = 1;
        return new AttributeTags(vocabulary, [.. kept], multiHot, dropped);
    }

    /// <summary>Reads <paramref name="tagFile"/> (and <paramref name="groupFile"/> when not empty) and returns the
    /// tagged set with the dropped images left out.</summary>
    public static (ImageSet Images, IReadOnlyList<DroppedImage> Dropped) Label(string tagFile, string groupFile, string root, ImageSet images)
    {
        var groups = groupFile.Length == 0 ? [] : TagGroup.Parse(groupFile, LabelRows.Read(groupFile, "data.tag_groups"));
        var tags = Parse(tagFile, LabelRows.Read(tagFile, "data.tags_file"), root, images.Paths, groupFile, groups);
        return (images.Subset(tags.Kept).WithTags(tags.Vocabulary, tags.MultiHot), tags.Dropped);
    }
}
