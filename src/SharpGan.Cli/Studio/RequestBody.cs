using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SharpGan.Cli.Studio;

/// <summary>
/// A request's body read within a bound, and a JSON object's fields read by name with their limits: every field the
/// studio takes is checked here, so a handler sees only values in range and a wrong one is a 400 that names it.
/// </summary>
sealed class RequestBody
{
    public const int JsonLimit = 64 * 1024;
    public const int UploadLimit = 1024 * 1024;

    /// <summary>The body's bytes; more than <paramref name="limit"/> (declared or sent) is a 413 before the rest is read.</summary>
    public static async Task<byte[]> Read(HttpRequest request, int limit, string what)
    {
        if (request.ContentLength > limit)
            throw StudioError.TooLarge($"{what} of {request.ContentLength} bytes: at most {limit} bytes");
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
                throw StudioError.TooLarge($"{what} over {limit} bytes: at most {limit} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    readonly JsonElement root;

    RequestBody(JsonElement root) => this.root = root;

    /// <summary>A JSON object with only the <paramref name="allowed"/> fields.</summary>
    public static async Task<RequestBody> Json(HttpRequest request, params string[] allowed)
    {
        var bytes = await Read(request, JsonLimit, "a JSON body");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw StudioError.Bad($"not JSON: {SharpGan.Onnx.JsonProblem.Describe(e)}");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw StudioError.Bad($"the body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in root.EnumerateObject())
        {
            if (!allowed.Contains(field.Name))
                throw StudioError.Bad($"unknown field '{Clip(field.Name)}'; allowed: {string.Join(", ", allowed)}");
            // A field given twice would be read as whichever the lookup meets first: the request is ambiguous.
            if (!seen.Add(field.Name))
                throw StudioError.Bad($"field '{field.Name}' is given twice");
        }
        return new RequestBody(root);
    }

    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public long Seed(string name, long fallback) => Has(name) ? SeedOf(root.GetProperty(name), name) : fallback;

    public long Seed(string name) => Has(name) ? SeedOf(root.GetProperty(name), name) : throw StudioError.Bad($"{name}: required (a seed)");

    public IReadOnlyList<long>? Seeds(string name, int max)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Array) throw StudioError.Bad($"{name}: a list of seeds");
        int count = value.GetArrayLength();
        if (count < 1 || count > max) throw StudioError.Bad($"{name}: {count} seeds; allowed 1..{max}");
        return value.EnumerateArray().Select((s, i) => SeedOf(s, $"{name}[{i}]")).ToList();
    }

    public int Int(string name, int min, int max, int fallback)
    {
        if (!Has(name)) return fallback;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n))
            throw StudioError.Bad($"{name}: a whole number in {min}..{max}");
        return n >= min && n <= max ? (int)n : throw StudioError.Bad($"{name} {n}: allowed {min}..{max}");
    }

    public double Number(string name, double min, double max, double fallback)
    {
        if (!Has(name)) return fallback;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number) throw StudioError.Bad($"{name}: a number in {min}..{max}");
        double x = value.GetDouble();
        return x >= min && x <= max ? x : throw StudioError.Bad($"{name} {x.ToString(CultureInfo.InvariantCulture)}: allowed {min}..{max}");
    }

    public string? Text(string name, int maxLength = 200)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String) throw StudioError.Bad($"{name}: a string");
        var text = value.GetString()!;
        return text.Length <= maxLength ? text : throw StudioError.Bad($"{name}: {text.Length} characters; at most {maxLength}");
    }

    public IReadOnlyList<string>? Texts(string name, int max, int maxLength = 200)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw StudioError.Bad($"{name}: a list of strings");
        if (value.GetArrayLength() > max) throw StudioError.Bad($"{name}: {value.GetArrayLength()} entries; at most {max}");
        var texts = value.EnumerateArray().Select(v => v.GetString()!).ToList();
        return texts.All(t => t.Length <= maxLength) ? texts : throw StudioError.Bad($"{name}: an entry over {maxLength} characters");
    }

    /// <summary>
    /// A seed: 0 … 2⁶³−1, as a JSON integer or a string of decimal digits. Seeds travel as strings in answers because a
    /// JavaScript number holds integers exactly only up to 2⁵³.
    /// </summary>
    static long SeedOf(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => ParseSeed(value.GetString()!, name),
        JsonValueKind.Number when value.TryGetInt64(out long n) && n >= 0 => n,
        _ => throw StudioError.Bad($"{name}: a seed is a whole number 0..{long.MaxValue} (a string of digits, or a JSON integer up to 2^53)"),
    };

    public static long ParseSeed(string text, string name) =>
        text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seed)
            ? seed
            : throw StudioError.Bad($"{name} '{Clip(text)}': a seed is a whole number 0..{long.MaxValue}");

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
