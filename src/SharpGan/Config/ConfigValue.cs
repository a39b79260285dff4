using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpGan.Config;

/// <summary>
/// A value given to a config key (a <c>--set</c> text, a YAML scalar, a JSON value), turned into the JSON the key's own
/// C# type takes, or the problem in words: "'abc' is not an integer" where System.Text.Json would name its converter
/// and a line of a document the user never wrote. Strings stay strings, so <c>model.mask_d_sizes=4</c> is the text "4".
/// </summary>
static class ConfigValue
{
    /// <summary>The C# type of the key at <paramref name="keys"/> (known to exist in the defaults' tree).</summary>
    public static Type TypeAt(IReadOnlyList<string> keys)
    {
        var type = typeof(SharpGanConfig);
        foreach (var key in keys)
            type = ConfigLoader.Json.GetTypeInfo(type).Properties.Single(p => p.Name == key).PropertyType;
        return type;
    }

    /// <summary>A value from a file (<paramref name="node"/>: a scalar, a list, or null for YAML's empty value) for a key of <paramref name="type"/>.</summary>
    public static bool TryConvert(JsonNode? node, Type type, out JsonNode? value, out string problem)
    {
        if (node is JsonArray list && type.IsArray)
        {
            var items = new JsonNode?[list.Count];
            for (int i = 0; i < list.Count; i++)
                if (!TryConvert(list[i], type.GetElementType()!, out items[i], out problem))
                {
                    value = null;
                    return false;
                }
            (value, problem) = (new JsonArray(items), "");
            return true;
        }
        if (node is JsonArray or JsonObject)
        {
            (value, problem) = (null, $"{Kind(type)} is wanted, not a {(node is JsonArray ? "list" : "section")}");
            return false;
        }
        return TryParse(Text(node), type, out value, out problem);
    }

    /// <summary>A text (a <c>--set</c> value) for a key of <paramref name="type"/>; lists are comma-separated.</summary>
    public static bool TryParse(string text, Type type, out JsonNode? value, out string problem)
    {
        problem = "";
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null && (text is "" or "null"))
        {
            value = null;
            return true;
        }
        type = inner ?? type;
        if (type.IsArray)
            return TryConvert(new JsonArray(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()), type, out value, out problem);
        value = Parse(text, type);
        if (value is null)
            problem = (type == typeof(int) || type == typeof(long)) && System.Numerics.BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? $"'{text}' is out of range (at most {(type == typeof(int) ? int.MaxValue : long.MaxValue).ToString("N0", CultureInfo.InvariantCulture)})"
                : $"'{text}' is not {Kind(type)}";
        return value is not null;
    }

    static JsonNode? Parse(string text, Type type)
    {
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(string)) return JsonValue.Create(text);
        if (type == typeof(bool)) return bool.TryParse(text, out var b) ? JsonValue.Create(b) : null;
        if (type == typeof(int)) return int.TryParse(text, NumberStyles.Integer, c, out var i) ? JsonValue.Create(i) : null;
        if (type == typeof(long)) return long.TryParse(text, NumberStyles.Integer, c, out var l) ? JsonValue.Create(l) : null;
        if (type == typeof(double)) return double.TryParse(text, NumberStyles.Float, c, out var d) && double.IsFinite(d) ? JsonValue.Create(d) : null;
        if (type.IsEnum) return Names(type).FirstOrDefault(n => n.Equals(text.Replace('-', '_'), StringComparison.OrdinalIgnoreCase)) is { } name ? JsonValue.Create(name) : null;
        return JsonValue.Create(text);
    }

    /// <summary>What a key of <paramref name="type"/> takes, in words ("an integer", "one of crop, pad").</summary>
    static string Kind(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(double) ? "a number"
        : type.IsEnum ? $"one of {string.Join(", ", Names(type))}"
        : type.IsArray ? "a list"
        : "a text";

    /// <summary>An enum's names as config files write them (snake_case, as <see cref="ConfigLoader.Json"/> serialises).</summary>
    static IEnumerable<string> Names(Type type) => Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);

    /// <summary>A file's scalar as the text the user wrote; YAML's empty value (null) as "".</summary>
    static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
