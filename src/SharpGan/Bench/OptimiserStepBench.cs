using System.Diagnostics;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Recipes.Kinds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SharpGan.Bench;

/// <summary>The optimiser step of G and D together, ms: TorchSharp's Adam against Adam in one pass over each
/// parameter, and zeroing the gradients (TorchSharp's <c>zero_grad</c>) against dropping them.</summary>
public sealed record OptimiserStepTimes(long Parameters, double StockMilliseconds, double OnePassMilliseconds,
    double ZeroMilliseconds, double ClearMilliseconds);

/// <summary>
/// The optimiser alone, side by side: the bench's DCGAN G and D (ngf = ndf = 64) at one image size, with the
/// trainer's Adam settings (lr 2e-4, β 0.5 / 0.999) on two copies of the same parameters and gradients, the methods
/// taking turns step by step; the median of each. In a trainer step it is the rows "optimiser: G step", "D step"
/// and "clear gradients" of <c>bench --profile</c>; here the two ways are timed in one process.
/// </summary>
public static class OptimiserStepBench
{
    public static OptimiserStepTimes Run(int imageSize, BenchOptions options)
    {
        var config = new SharpGanConfig { Model = new ModelConfig { ImageSize = imageSize, Latent = "100x1x1", Ngf = 64, Ndf = 64 } };
        using var recipe = GanKinds.CreateRecipe(config);
        var weights = recipe.Generator.parameters().Concat(recipe.Discriminator.parameters()).ToList();
        var gradients = weights.Select(w => randn_like(w) * 1e-3).ToList();
        List<Parameter> Copy() => [.. weights.Select(w => new Parameter(w.detach().clone()))];
        var (stockWeights, onePassWeights) = (Copy(), Copy());
        using var stock = optim.Adam(stockWeights, 2e-4, 0.5, 0.999);
        using var onePass = optim.Adam(onePassWeights, 2e-4, 0.5, 0.999);
        void Attach(List<Parameter> parameters) { for (int i = 0; i < parameters.Count; i++) parameters[i].grad = gradients[i]; }
        var times = new Dictionary<string, List<double>> { ["stock"] = [], ["one pass"] = [], ["zero"] = [], ["clear"] = [] };
        void Time(string method, bool timed, Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            if (timed) times[method].Add(1000 * clock.Elapsed.TotalSeconds);
        }
        for (int step = 0; step < options.Warmup + options.Steps * options.Rounds; step++)
        {
            using var scope = NewDisposeScope();
            bool timed = step >= options.Warmup;
            Attach(stockWeights);
            Time("stock", timed, () => stock.step());
            Attach(onePassWeights);
            Time("one pass", timed, () => OnePassAdam.Step(onePass));
            // zero_grad zeroes the attached gradients in place: give it its own copies to zero.
            foreach (var p in stockWeights) p.grad = zeros_like(p);
            Time("zero", timed, () => stock.zero_grad());
            Time("clear", timed, () => Training.Optimizers.ClearGradients(stock));
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        return new(weights.Sum(w => w.numel()), Median(times["stock"]), Median(times["one pass"]), Median(times["zero"]), Median(times["clear"]));
    }
}
