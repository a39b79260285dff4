using System.Text.Json.Nodes;

namespace SharpGan.Config;

/// <summary>
/// Keys added with a default other than the behaviour of the runs before them. A resolved config (a checkpoint's,
/// which holds every key there was) that lacks one was written before it existed, so it reads as that run trained:
/// a resumed or sampled old run does not change under the new defaults. Config files take the defaults as they are.
/// </summary>
static class KeysAddedLater
{
    static readonly (string Section, string Key, JsonNode Before)[] Keys =
    [
        // The main job's measured recipe made adaptive augmentation and the EMA of G defaults (docs/quality.md).
        ("tricks", "ada", JsonValue.Create("off")),
        ("tricks", "ema_kimg", JsonValue.Create(0)),
        ("tricks", "ema_rampup", JsonValue.Create(0)),
        // Ending the main job at 800 epochs measured steadier with the rates ramped down over the last quarter.
        ("tricks", "lr_ramp_down", JsonValue.Create(0)),
    ];

    public static void Apply(JsonObject resolved)
    {
        foreach (var (section, key, before) in Keys)
            if (resolved[section] is JsonObject s && !s.ContainsKey(key))
                s[key] = before.DeepClone();
    }
}
