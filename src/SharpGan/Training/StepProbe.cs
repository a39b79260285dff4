using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;

namespace SharpGan.Training;

/// <summary>
/// <c>auto</c>'s probe on a run's own training step: each candidate policy gets a throwaway trainer of the run's
/// recipe on its data for one untimed and two timed steps, the policies taking turns, more rounds while the probe has
/// spent less than <see cref="BudgetSeconds"/>; the best step of each. A whole step, because layouts
/// rank differently for different networks, losses and batches, and nothing smaller ranked them right: on a Zen 3 EPYC
/// channels-last speeds the bench's DCGAN step up 1.2× and slows the R3GAN recipe's to 0.87×, where two DCGAN
/// convolutions found 1.06× for both and a pass of R3GAN's networks alone found channels-last faster.
/// Remembered per machine and per recipe (<see cref="RecipeKey"/>), so every run of one config on one machine decides
/// alike and only the first pays for the probe.
/// </summary>
internal static class StepProbe
{
    /// <summary>Rounds go on while the probe has spent less than this, up to <see cref="MaxRounds"/>: small steps get
    /// many rounds (their timings are the noisiest), large ones one.</summary>
    public const double BudgetSeconds = 5;
    public const int MaxRounds = 10;

    public static ProbeWorkload For(SharpGanConfig config, ImageSet images, Func<SharpGanConfig, IGanRecipe> recipe) => new(
        RecipeKey(config),
        $"this run's training step: {config.Model.Architecture}, {config.Model.ImageSize} px, batch {config.Train.BatchSize}",
        policies => Measure(config, images, recipe, policies));

    static ProbeTimes Measure(SharpGanConfig config, ImageSet images, Func<SharpGanConfig, IGanRecipe> recipe, IReadOnlyList<ComputePolicy> policies)
    {
        var best = policies.ToDictionary(p => p, _ => double.MaxValue);
        var spent = Stopwatch.StartNew();
        for (int round = 0; round < MaxRounds && (round == 0 || spent.Elapsed.TotalSeconds < BudgetSeconds); round++)
            foreach (var policy in policies)
                best[policy] = Math.Min(best[policy], StepTiming.Time(config, recipe, images, policy, warmup: 1, steps: 2).Min());
        return new ProbeTimes(best);
    }

    /// <summary>What of a config sets the cost of its step: its model, tricks and data settings (not the paths), and of
    /// train the batch, loss, optimiser and compute settings (not the learning rates, seed, length or reporting).</summary>
    internal static string RecipeKey(SharpGanConfig config)
    {
        var cost = config with
        {
            Data = config.Data with { Path = "", ValPath = "" },
            Train = new TrainConfig
            {
                BatchSize = config.Train.BatchSize, Loss = config.Train.Loss, Optimizer = config.Train.Optimizer,
                Precision = config.Train.Precision, Layout = config.Train.Layout, Device = config.Train.Device,
            },
            Output = new OutputConfig(),
            Eval = new EvalConfig(),
            Collapse = new CollapseConfig(),
        };
        return "training step of " + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(cost, ConfigLoader.Json)))[..16];
    }
}
