using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Pretrained;

/// <summary>
/// A pretrained network used as a fixed function inside a trained one, held outside the module tree on purpose: a
/// field of this type is not a TorchSharp module, so the owner's parameters, state dictionary (its checkpoint),
/// device moves and compute policy never reach the pretrained weights. Gradients still flow through it to its input.
/// It loads on first use, so an owner built only to be read (sampling, export) never needs the pretrained cache.
/// It computes on the CPU: the imported network's layers hold their weights in closures, which a device move would
/// not follow (train.device cuda is refused for it at the config's edge).
/// </summary>
internal sealed class FrozenTrunk(string name) : IDisposable
{
    readonly Lazy<KerasNetwork> network = new(() =>
    {
        var loaded = KerasNetwork.Load(PretrainedCache.Require(name), name);
        loaded.eval();
        return loaded;
    });

    /// <inheritdoc cref="KerasNetwork.Activations"/>
    /// <exception cref="FileNotFoundException">The model is not in the pretrained cache; the message names the fetch command.</exception>
    public IReadOnlyDictionary<string, Tensor> Activations(Tensor input, IReadOnlyCollection<string> names)
    {
        if (input.device_type != DeviceType.CPU)
            throw new NotSupportedException($"the pretrained trunk computes on the CPU only (its input is on {input.device})");
        return network.Value.Activations(input, names);
    }

    public void Dispose()
    {
        if (network.IsValueCreated) network.Value.Dispose();
    }
}
