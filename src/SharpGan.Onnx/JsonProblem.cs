using System.Text.Json;

namespace SharpGan.Onnx;

/// <summary>
/// A JSON file that does not read, said in a user's words: where in the document and what kind of problem.
/// System.Text.Json's own message names .NET types ("could not be converted to System.Int32") and its converters.
/// </summary>
public static class JsonProblem
{
    public static string Describe(JsonException e)
    {
        // A syntax error comes from the reader (its internal JsonReaderException, thrown or inside); any other failure is a value's.
        bool malformed = e.GetType().Name == "JsonReaderException" || e.InnerException?.GetType().Name == "JsonReaderException";
        var key = !malformed && e.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
        var where = e.LineNumber is { } line ? $"line {line + 1}{(e.BytePositionInLine is { } position ? $", byte {position + 1}" : "")}" : null;
        return key is not null
            ? $"the value of {key} has the wrong type or form{(where is null ? "" : $" ({where})")}"
            : $"not well-formed JSON{(where is null ? "" : $" at {where}")}";
    }
}
