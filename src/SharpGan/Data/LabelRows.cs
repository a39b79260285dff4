namespace SharpGan.Data;

/// <summary>One row of a label or tag file: the image it names (relative to data.path, '/'-separated) and the rest.</summary>
internal sealed record LabelRow(int Line, string File, string Value);

/// <summary>
/// The rows of a two-column label file (<c>file,label</c> or <c>file,tag1;tag2</c>) matched to the loaded images.
/// A first line whose first field is <c>file</c> is a header. Every message names the label file and the line.
/// </summary>
internal static class LabelRows
{
    /// <exception cref="DataException">A line without two fields, an empty file name, or the same image twice.</exception>
    public static IReadOnlyList<LabelRow> Parse(string labelFile, IReadOnlyList<string> lines)
    {
        var rows = new List<LabelRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool firstLine = true;
        for (int i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = CsvLine.Split(lines[i]);
            bool header = firstLine && fields[0].Trim().Equals("file", StringComparison.OrdinalIgnoreCase);
            firstLine = false;
            if (header) continue;
            if (fields.Length != 2)
                throw new DataException($"{labelFile} line {i + 1}: expected 2 fields (the file, then its label or its tags), found {fields.Length}");
            var file = Normalised(fields[0]);
            if (file.Length == 0)
                throw new DataException($"{labelFile} line {i + 1}: empty file name");
            if (seen.TryGetValue(file, out var first))
                throw new DataException($"{labelFile} line {i + 1}: '{file}' already has a row (line {first})");
            seen[file] = i + 1;
            rows.Add(new LabelRow(i + 1, file, fields[1].Trim()));
        }
        return rows;
    }

    /// <summary>For each image (in <paramref name="paths"/>' order) its row, or null when the file has none.</summary>
    /// <exception cref="DataException">A row names no loaded image under <paramref name="root"/>.</exception>
    public static LabelRow?[] Match(string labelFile, string root, IReadOnlyList<string> paths, IReadOnlyList<LabelRow> rows)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < paths.Count; i++)
            index[Normalised(Path.GetRelativePath(root, paths[i]))] = i;
        var matched = new LabelRow?[paths.Count];
        foreach (var row in rows)
        {
            if (!index.TryGetValue(row.File, out var i))
                throw new DataException($"{labelFile} line {row.Line}: '{row.File}' is not an image under '{root}' (missing, or it could not be decoded)");
            matched[i] = row;
        }
        return matched;
    }

    /// <summary>The lines of <paramref name="labelFile"/>; the message names the config key that pointed at it.</summary>
    public static string[] Read(string labelFile, string key)
    {
        if (string.IsNullOrWhiteSpace(labelFile)) throw new DataException($"{key}: must name a file");
        if (!File.Exists(labelFile)) throw new DataException($"{key} = '{labelFile}': no such file");
        return InputFile.Problem(labelFile) is { } notAFile ? throw new DataException($"{key} = '{labelFile}': {notAFile}") : File.ReadAllLines(labelFile);
    }

    static string Normalised(string file)
    {
        var normalised = file.Trim().Replace('\\', '/');
        while (normalised.StartsWith("./", StringComparison.Ordinal)) normalised = normalised[2..];
        return normalised;
    }
}
