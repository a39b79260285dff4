using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SharpGan.Config;

/// <summary>
/// Binds a config from defaults, an optional YAML/JSON file and <c>key.path=value</c> overrides, in that order.
/// Every key is checked against the defaults' key tree, so a typo fails with the nearest valid key.
/// </summary>
public static class ConfigLoader
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Epoch means can be NaN (G's loss in an epoch of critic steps only); checkpoints must still round-trip them.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static SharpGanConfig Load(string? file, IEnumerable<string> overrides)
    {
        var tree = Defaults();
        if (file is not null)
            Merge(tree, ReadFile(file), "", file);
        foreach (var assignment in overrides)
            Override(tree, assignment);
        return Bind(tree);
    }

    /// <summary>A resolved config as a run or checkpoint recorded it; keys it predates read as it trained (<see cref="KeysAddedLater"/>).</summary>
    public static SharpGanConfig FromJson(string json)
    {
        var tree = JsonNode.Parse(json)!.AsObject();
        KeysAddedLater.Apply(tree);
        return Bind(tree);
    }

    /// <summary><paramref name="overrides"/> (<c>section.key=value</c>) on top of an existing config, validated again.</summary>
    public static SharpGanConfig Apply(SharpGanConfig config, IEnumerable<string> overrides)
    {
        var tree = JsonSerializer.SerializeToNode(config, Json)!.AsObject();
        foreach (var assignment in overrides)
            Override(tree, assignment);
        return Bind(tree);
    }

    public static string ToJson(SharpGanConfig config) => JsonSerializer.Serialize(config, Json);

    static JsonObject Defaults() => JsonSerializer.SerializeToNode(new SharpGanConfig(), Json)!.AsObject();

    static SharpGanConfig Bind(JsonObject tree)
    {
        RenamedValues.Apply(tree);
        SharpGanConfig config;
        try
        {
            config = tree.Deserialize<SharpGanConfig>(Json) ?? throw new ConfigException("empty configuration");
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{e.Path?.TrimStart('$', '.')}: {FirstLine(e.Message)}");
        }
        ConfigValidator.Validate(config);
        return config;
    }

    static JsonObject ReadFile(string file)
    {
        if (!File.Exists(file))
            throw new ConfigException(Directory.Exists(file) ? $"config file '{file}' is a folder, not a file" : $"config file '{file}' does not exist");
        var text = File.ReadAllText(file);
        var node = Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(file, text) : ParseYaml(file, text);
        return node as JsonObject ?? throw new ConfigException($"config file '{file}' must hold a mapping of sections");
    }

    static JsonNode? ParseJson(string file, string text)
    {
        try
        {
            // Comments and trailing commas, as a hand-written config has them (YAML configs allow both too).
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            RefuseKeysGivenTwice(file, text);
            return node;
        }
        catch (JsonException e)
        {
            // The message ends in its own "Path: … | LineNumber: … | BytePositionInLine: …", which the prefix says better.
            var message = FirstLine(e.Message);
            int tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal) is >= 0 and var at ? at : message.Length;
            if (message.IndexOf(" Path:", StringComparison.Ordinal) is >= 0 and var path && path < tail) tail = path;
            throw new ConfigException($"{file}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: {message[..tail].TrimEnd()}");
        }
    }

    /// <summary>
    /// A key given twice in one section, named with its line. System.Text.Json's tree keeps the text and reads a section
    /// only when first asked, and then fails with .NET's "An item with the same key has already been added"; its own
    /// duplicate check names neither line nor section.
    /// </summary>
    static void RefuseKeysGivenTwice(string file, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var sections = new Stack<(string Path, HashSet<string> Keys)>();
        string last = "";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    sections.Push((sections.Count == 0 ? "" : sections.Peek().Path + last + ".", []));
                    break;
                case JsonTokenType.EndObject:
                    sections.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    last = reader.GetString()!;
                    if (!sections.Peek().Keys.Add(last))
                    {
                        int line = bytes.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n') + 1;
                        throw new ConfigException($"{file}:{line}: key '{sections.Peek().Path}{last}' is given twice");
                    }
                    break;
            }
        }
    }

    static JsonNode? ParseYaml(string file, string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{Where(file, e.Start)} {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, inside a plain value it cannot end (its issue 541),
            // e.g. `lr_g: [0.1` with the list never closed; where the scanner stopped is the best position there is.
            throw new ConfigException($"{Where(file, scanner.CurrentPosition)} cannot read the value here (is a '[', '{{' or quote above left open?)");
        }
        return stream.Documents.Count == 0 ? new JsonObject() : Convert(file, stream.Documents[0].RootNode);
    }

    static string Where(string file, Mark mark) => $"{file}:{mark.Line}:{mark.Column}:";

    static void Merge(JsonObject target, JsonObject source, string prefix, string origin)
    {
        foreach (var (key, value) in source)
        {
            var path = prefix + key;
            if (!target.ContainsKey(key))
                throw UnknownKey(path, prefix, target, origin);
            if (target[key] is JsonObject section)
            {
                if (value is not JsonObject sub)
                    throw new ConfigException($"{origin}: '{path}' is a section; give it keys such as {string.Join(", ", section.Select(p => p.Key).Take(4))}");
                Merge(section, sub, path + ".", origin);
            }
            else if (ConfigValue.TryConvert(value, ConfigValue.TypeAt(path.Split('.')), out var converted, out var problem))
                target[key] = converted;
            else
                throw new ConfigException($"{origin}: {path}: {problem}");
        }
    }

    static void Override(JsonObject tree, string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0)
            throw new ConfigException($"--set '{assignment}' is not of the form key.path=value");
        var path = assignment[..eq].Trim();
        var keys = path.Split('.');
        JsonObject node = tree;
        for (int i = 0; i < keys.Length; i++)
        {
            var prefix = string.Join('.', keys[..i]);
            if (!node.ContainsKey(keys[i]))
                throw UnknownKey(path, prefix.Length > 0 ? prefix + "." : "", node, "--set");
            if (i == keys.Length - 1)
            {
                if (node[keys[i]] is JsonObject)
                    throw new ConfigException($"--set '{path}' names a section, not a value");
                var text = assignment[(eq + 1)..].Trim();
                node[keys[i]] = ConfigValue.TryParse(text, ConfigValue.TypeAt(keys), out var value, out var problem)
                    ? value
                    : throw new ConfigException($"--set {path}={text}: {problem}");
            }
            else
                node = node[keys[i]] as JsonObject ?? throw new ConfigException($"--set '{path}': '{keys[i]}' is a value, not a section");
        }
    }

    static ConfigException UnknownKey(string path, string prefix, JsonObject scope, string origin)
    {
        // Sections count as candidates too: a misspelt section ('trian') is nearer its name than any key inside another.
        var valid = AllKeys(Defaults(), "").ToList();
        var nearest = valid.Concat(valid.Select(k => k[..Math.Max(0, k.IndexOf('.'))]).Where(s => s.Length > 0).Distinct())
            .MinBy(k => Levenshtein(k, path));
        return new ConfigException($"{origin}: unknown config key '{path}'; did you mean '{nearest}'? Keys here: {string.Join(", ", scope.Select(p => prefix + p.Key))}");
    }

    static IEnumerable<string> AllKeys(JsonObject node, string prefix) =>
        node.SelectMany(p => p.Value is JsonObject sub ? AllKeys(sub, prefix + p.Key + ".") : [prefix + p.Key]);

    /// <summary>YAML as a JSON tree of texts: each value takes its key's type when merged (<see cref="ConfigValue"/>);
    /// YAML's null forms (empty, ~, null) become null.</summary>
    static JsonNode? Convert(string file, YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(
            p.Key is YamlScalarNode { Value: { } key } ? key : throw new ConfigException($"{Where(file, p.Key.Start)} a key must be a plain name"),
            Convert(file, p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => Convert(file, c)).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    static string FirstLine(string message) => message.Split('\n')[0];

    static int Levenshtein(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
