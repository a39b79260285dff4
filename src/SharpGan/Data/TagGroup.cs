namespace SharpGan.Data;

/// <summary>Groups of mutually exclusive tags (<c>data.tag_groups</c>): one group a line, <c>hair: blonde hair, red hair</c>.
/// Blank lines and lines starting with # are skipped.</summary>
internal sealed record TagGroup(string Name, IReadOnlyList<string> Tags)
{
    /// <exception cref="DataException">A line without "name:" or without tags, a group named twice, or a tag in two groups.</exception>
    public static IReadOnlyList<TagGroup> Parse(string groupFile, IReadOnlyList<string> lines)
    {
        var groups = new List<TagGroup>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            var name = colon > 0 ? line[..colon].Trim() : "";
            var tags = colon > 0 ? line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            if (name.Length == 0 || tags.Length == 0)
                throw new DataException($"{groupFile} line {i + 1}: expected 'group: tag, tag, …'");
            if (groups.Any(g => g.Name == name))
                throw new DataException($"{groupFile} line {i + 1}: group '{name}' is already defined");
            foreach (var tag in tags)
                if (!owner.TryAdd(tag, name))
                    throw new DataException($"{groupFile} line {i + 1}: tag '{tag}' is already in group '{owner[tag]}'");
            groups.Add(new TagGroup(name, tags));
        }
        return groups;
    }
}
