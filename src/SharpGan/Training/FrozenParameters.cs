using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// A network's parameters with gradients switched off until disposed. G's phase back-propagates through D to G,
/// but D's own weight gradients there are discarded (D's optimiser zeroes them before its next step); not computing
/// them saves about a fifth of the step.
/// </summary>
internal sealed class FrozenParameters : IDisposable
{
    readonly List<TorchSharp.Modules.Parameter> frozen;

    FrozenParameters(List<TorchSharp.Modules.Parameter> frozen) => this.frozen = frozen;

    public static FrozenParameters Of(nn.Module network)
    {
        var trainable = network.parameters().Where(p => p.requires_grad).ToList();
        foreach (var p in trainable) p.requires_grad_(false);
        return new FrozenParameters(trainable);
    }

    public void Dispose()
    {
        foreach (var p in frozen) p.requires_grad_(true);
    }
}
