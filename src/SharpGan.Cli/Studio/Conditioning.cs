using SharpGan.Onnx;

namespace SharpGan.Cli.Studio;

/// <summary>
/// What a request asks the generator to draw: a class (one-hot) or tags (multi-hot), checked against the export's
/// manifest: an unknown class or tag, tags for a class generator (or the reverse), or two tags of one exclusive
/// group are refused by name.
/// </summary>
sealed record Conditioning(string? ClassName, IReadOnlyList<string> Tags, float[]? Code)
{
    public static Conditioning Of(OnnxGenerator generator, string? className, IReadOnlyList<string>? tags)
    {
        var known = generator.Classes;
        if (known.Count == 0)
        {
            if (className is not null || tags is { Count: > 0 })
                throw StudioError.Bad($"this generator has no classes or tags (model.conditioning {generator.Kind})");
            return new Conditioning(null, [], null);
        }
        var code = new float[known.Count];
        if (generator.MultiLabel)
        {
            if (className is not null) throw StudioError.Bad($"this generator takes tags, not a class: {string.Join(", ", known)}");
            var given = tags ?? [];
            foreach (var tag in given)
            {
                int index = IndexOf(known, tag);
                if (index < 0) throw StudioError.Bad($"no tag '{Clip(tag)}'; this generator knows: {string.Join(", ", known)}");
                code[index] = 1;
            }
            foreach (var group in generator.Manifest.TagGroups ?? [])
            {
                var chosen = group.Tags.Where(given.Contains).ToList();
                if (chosen.Count > 1)
                    throw StudioError.Bad($"tags {string.Join(" and ", chosen)} are both in group '{group.Name}': at most one of {string.Join(", ", group.Tags)}");
            }
            return new Conditioning(null, given.Distinct().ToList(), code);
        }
        if (tags is { Count: > 0 }) throw StudioError.Bad($"this generator draws classes, not tags: {string.Join(", ", known)}");
        // A class generator always draws some class: the first, unless one is asked for.
        var name = className ?? known[0];
        int classIndex = IndexOf(known, name);
        if (classIndex < 0) throw StudioError.Bad($"no class '{Clip(name)}'; this generator draws: {string.Join(", ", known)}");
        code[classIndex] = 1;
        return new Conditioning(name, [], code);
    }

    /// <summary>The code repeated for <paramref name="count"/> samples, or null when the generator takes none.</summary>
    public float[]? Repeated(int count)
    {
        if (Code is null) return null;
        var codes = new float[count * Code.Length];
        for (int k = 0; k < count; k++) Code.CopyTo(codes, k * Code.Length);
        return codes;
    }

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        return -1;
    }

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
