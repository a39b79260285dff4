using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SharpGan.Config;

namespace SharpGan.Tests.Config;

/// <summary>docs/config-reference.md names every config key as the loader spells it, and nothing else (the pix2pix
/// keys were once documented under names the loader did not know).</summary>
public class ConfigReferenceTests
{
    [Fact]
    public void The_config_reference_lists_exactly_the_keys_the_loader_knows()
    {
        var doc = File.ReadAllText(Repo.Path("docs", "config-reference.md"));
        var yaml = Regex.Match(doc, @"```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var documented = new SortedSet<string>();
        string section = "";
        foreach (var line in yaml.Split('\n'))
        {
            if (Regex.Match(line, @"^([a-z_]+):") is { Success: true } s) section = s.Groups[1].Value;
            else if (Regex.Match(line, @"^  ([a-z0-9_]+):") is { Success: true } k) documented.Add($"{section}.{k.Groups[1].Value}");
        }
        var defaults = JsonNode.Parse(ConfigLoader.ToJson(new SharpGanConfig()))!.AsObject();
        var known = new SortedSet<string>(defaults.SelectMany(s => s.Value!.AsObject().Select(k => $"{s.Key}.{k.Key}")));
        known.ExceptWith(["model.classes", "model.multi_label"]);   // filled in from the data, said so in a comment there

        Assert.Equal(known, documented);
    }
}
