using static TorchSharp.torch;

namespace SharpGan.Training.Tricks;

/// <summary>WGAN's crude Lipschitz constraint: every critic parameter clamped to ±c after each critic step.</summary>
internal static class WeightClip
{
    public static void Apply(nn.Module critic, double c)
    {
        using var _ = no_grad();
        foreach (var p in critic.parameters())
            p.clamp_(-c, c);
    }
}
