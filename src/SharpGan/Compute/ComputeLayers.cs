using static TorchSharp.torch;

namespace SharpGan.Compute;

/// <summary>A layer that computes under a <see cref="ComputePolicy"/>, set on the whole network by <see cref="ComputeLayers.Apply"/>.</summary>
internal interface IComputeLayer
{
    ComputePolicy Policy { get; set; }
}

/// <summary>Hands a policy to the layers of a network that compute under one.</summary>
internal static class ComputeLayers
{
    /// <summary>Sets <paramref name="policy"/> on every policy-aware layer of <paramref name="network"/>.</summary>
    public static void Apply(nn.Module network, ComputePolicy policy)
    {
        foreach (var (_, module) in network.named_modules())
            if (module is IComputeLayer layer)
                layer.Policy = policy;
    }
}
