namespace SharpGan.Files;

/// <summary>One CSV field as RFC 4180 wants it: quoted, with quotes doubled, only when it holds a comma, quote or newline.</summary>
public static class CsvField
{
    public static string Quote(string field) => field.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
