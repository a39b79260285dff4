using SharpGan.Config;

namespace SharpGan.Losses;

/// <summary>
/// Adversarial losses by <c>train.loss</c> name: the one place a loss is registered. What a loss needs from the loop
/// (schedule, clipping, penalty, labels) it declares in its <see cref="IAdversarialLoss.Traits"/>.
/// </summary>
public static class LossRegistry
{
    static readonly Dictionary<string, Func<IAdversarialLoss>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bce"] = () => new NonSaturatingBceLoss(),
        ["minimax"] = () => new MinimaxBceLoss(),
        ["wgan"] = () => new WassersteinLoss(),
        ["wgan-gp"] = () => new WassersteinGpLoss(),
        ["lsgan"] = () => new LeastSquaresLoss(),
        ["hinge"] = () => new HingeLoss(),
        ["rpgan"] = () => new RelativisticPairingLoss(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Adds a loss from outside the library (a test's, a user's); its name must be new.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public static void Register(string name, Func<IAdversarialLoss> make)
    {
        if (!Factories.TryAdd(name, make))
            throw new ArgumentException($"train.loss '{name}' is registered already");
    }

    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static IAdversarialLoss Create(string name) =>
        Factories.TryGetValue(name, out var make)
            ? make()
            : throw new ArgumentException($"train.loss = '{name}': unknown loss; valid: {string.Join(", ", Factories.Keys)}");

    /// <summary>The loss's rules on the rest of the config, each message naming its keys.</summary>
    public static void Check(SharpGanConfig config, Action<bool, string> check)
    {
        if (!Factories.TryGetValue(config.Train.Loss, out var make))
        {
            check(false, $"train.loss = '{config.Train.Loss}': unknown loss; valid: {string.Join(", ", Factories.Keys)}");
            return;
        }
        var t = config.Tricks;
        check(make().Traits.UsesLabels || new LabelPolicy(t.LabelSmoothing, t.SoftLabels, t.LabelFlip).IsPlain,
            $"tricks.label_smoothing / soft_labels / label_flip act on targets, which train.loss = '{config.Train.Loss}' does not use");
        check(t.Ada != AdaMode.Adaptive || make().Traits.Overfit != OverfitSignal.None,
            $"tricks.ada adaptive steers by the sign of D's outputs, which mean nothing alone under train.loss = '{config.Train.Loss}': use tricks.ada fixed (with ada_p) or off");
    }
}
