namespace SharpGan.Losses;

/// <summary>Adversarial losses by config name; the one place a new loss is registered.</summary>
public static class LossRegistry
{
    static readonly Dictionary<string, Func<IAdversarialLoss>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bce"] = () => new NonSaturatingBceLoss(),
        ["minimax"] = () => new MinimaxBceLoss(),
        ["wgan"] = () => new WassersteinLoss("wgan"),
        ["wgan-gp"] = () => new WassersteinLoss("wgan-gp"),
        ["lsgan"] = () => new LeastSquaresLoss(),
        ["hinge"] = () => new HingeLoss(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static IAdversarialLoss Create(string name) =>
        Factories.TryGetValue(name, out var make)
            ? make()
            : throw new ArgumentException($"train.loss = '{name}': unknown loss; valid: {string.Join(", ", Factories.Keys)}");
}
