using static TorchSharp.torch;

namespace SharpGan.Pretrained;

/// <summary>Copies named tensors into a module's parameters and buffers, refusing, by name, anything that does not fit.</summary>
internal static class StateLoader
{
    /// <param name="ignore">Names of the file's tensors the module has no place for on purpose (e.g. a classifier head).</param>
    /// <param name="optional">Names of the module's tensors the file may lack (e.g. BatchNorm's num_batches_tracked).</param>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> tensors, string source,
        Func<string, bool>? ignore = null, Func<string, bool>? optional = null)
    {
        var state = module.state_dict();
        var missing = state.Keys.Where(k => !tensors.ContainsKey(k) && !(optional?.Invoke(k) ?? false)).ToList();
        var unexpected = tensors.Keys.Where(k => !state.ContainsKey(k) && !(ignore?.Invoke(k) ?? false)).ToList();
        var misshapen = state.Where(s => tensors.TryGetValue(s.Key, out var t) && !t.shape.SequenceEqual(s.Value.shape))
            .Select(s => $"{s.Key} is [{string.Join(", ", tensors[s.Key].shape)}], expected [{string.Join(", ", s.Value.shape)}]").ToList();
        if (missing.Count + unexpected.Count + misshapen.Count > 0)
            throw new InvalidDataException($"'{source}' does not fit {module.GetName()}: " + string.Join("; ", new[]
            {
                missing.Count > 0 ? $"missing {Sample(missing)}" : null,
                unexpected.Count > 0 ? $"unexpected {Sample(unexpected)}" : null,
                misshapen.Count > 0 ? Sample(misshapen) : null,
            }.Where(p => p is not null)));
        using var _ = no_grad();
        foreach (var (name, target) in state)
            if (tensors.TryGetValue(name, out var value))
                target.copy_(value.to_type(target.dtype));
    }

    static string Sample(List<string> items) => items.Count <= 4 ? string.Join(", ", items) : $"{string.Join(", ", items.Take(4))} and {items.Count - 4} more";
}
