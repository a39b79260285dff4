using System.Text.Json.Nodes;

namespace SharpGan.Config;

/// <summary>
/// Config keys and values that were renamed, read under their new names so that every config file and checkpoint
/// written before a rename keeps loading (the resolved config, and so a new checkpoint, then carries the new name).
/// </summary>
static class RenamedValues
{
    static readonly (string Section, string Old, string New)[] Keys =
    [
        // Snake-casing the property names gave these, while the docs, `translate train --norm` and the validator's
        // messages always said pix2pix_norm, unet_depth and unet_dropout_levels (so --norm never worked).
        ("model", "pix2_pix_norm", "pix2pix_norm"),
        ("model", "u_net_depth", "unet_depth"),
        ("model", "u_net_dropout_levels", "unet_dropout_levels"),
    ];

    static readonly (string Section, string Key, string Old, string New)[] Renames =
    [
        // The architectures' first spellings, which checkpoints written then still hold (tests/fixtures/checkpoints/
        // format1-dense-dcgan.ckpt, format1-dcgan-5x5.ckpt); never printed: a loaded config carries the names on the right.
        ("model", "architecture", "seed003-dense", "dense-dcgan"),
        ("model", "architecture", "seed004-5x5", "dcgan-5x5"),
    ];

    public static void Apply(JsonObject tree)
    {
        foreach (var (section, old, renamed) in Keys)
            if (tree[section] is JsonObject s && s.ContainsKey(old))
            {
                var value = s[old];
                s.Remove(old);
                if (!s.ContainsKey(renamed)) s[renamed] = value?.DeepClone();
            }
        foreach (var (section, key, old, renamed) in Renames)
            if (tree[section] is JsonObject s && s[key] is JsonValue v && v.TryGetValue(out string? text) && text == old)
                s[key] = renamed;
    }
}
