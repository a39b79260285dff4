using SharpGan.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Style;

/// <summary>The losses after one optimisation step (the weighted terms and their total).</summary>
public sealed record StyleStep(int Step, double Content, double Style, double TotalVariation, double Total, double Seconds);

/// <summary>
/// Gatys et al.'s style transfer: the picture itself is the parameter. It starts from the content picture (or white
/// noise, as the paper) and is moved by back-propagation until its features at the content layer match the content picture's
/// and its Gram matrices at the style layers match the style picture's: α·L_content + β·Σ w_l·E_l (+ TV).
/// Pixels stay in [0, 1] (clamped after every step).
/// </summary>
public static class StyleTransfer
{
    /// <param name="content">1 × 3 × H × W in [0, 1], at the output size.</param>
    /// <param name="style">1 × 3 × h × w in [0, 1], any size.</param>
    /// <param name="onStep">After every step, with the losses and the current picture (valid only during the call).</param>
    /// <returns>The final picture, 1 × 3 × H × W in [0, 1].</returns>
    public static Tensor Run(IFeatureTrunk trunk, Tensor content, Tensor style, StyleOptions options,
        Action<StyleStep, Tensor>? onStep = null, CancellationToken cancel = default)
    {
        options.Validate();
        var contentLayer = options.ContentLayer ?? trunk.DefaultContentLayer;
        var styleLayers = options.StyleLayers.Count > 0
            ? options.StyleLayers.Select((l, i) => (Layer: l, Weight: options.StyleWeights.Count > 0 ? options.StyleWeights[i] : 1.0 / options.StyleLayers.Count)).ToList()
            : trunk.DefaultStyleLayers.ToList();
        var unknown = styleLayers.Select(s => s.Layer).Append(contentLayer).Where(l => !trunk.LayerNames.Contains(l)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{trunk.Name} has no layer {string.Join(", ", unknown.Distinct())}; e.g. {string.Join(", ", trunk.LayerNames.Take(8))}, …");

        Tensor target;
        Tensor[] styleGrams;
        using (no_grad())
        {
            target = trunk.Features(content, [contentLayer])[contentLayer].detach().DetachFromDisposeScope();
            var styleFeatures = trunk.Features(style, styleLayers.Select(s => s.Layer).ToList());
            styleGrams = styleLayers.Select(s => StyleLosses.Gram(styleFeatures[s.Layer]).detach().DetachFromDisposeScope()).ToArray();
        }
        using var random = new Generator((ulong)options.Seed);
        var start = options.Init == "content" ? content.clone() : rand(content.shape, generator: random);
        using var picture = new TorchSharp.Modules.Parameter(start.detach(), requires_grad: true);
        using var optimizer = options.Optimizer == "lbfgs"
            ? (optim.Optimizer)Native.NativeWarnings.Muted(() => optim.LBFGS([picture], options.LearningRate, max_iter: 1, history_size: 100))
            : optim.Adam([picture], options.LearningRate);
        var layers = styleLayers.Select(s => s.Layer).Append(contentLayer).Distinct().ToList();

        (Tensor Total, double Content, double Style, double Tv) Loss()
        {
            var features = trunk.Features(picture, layers);
            var contentLoss = StyleLosses.Content(features[contentLayer], target).mul(options.Alpha);
            var styleLoss = zeros(1).squeeze();
            for (int i = 0; i < styleLayers.Count; i++)
                styleLoss = styleLoss.add(StyleLosses.StyleLayer(features[styleLayers[i].Layer], styleGrams[i]).mul(styleLayers[i].Weight));
            styleLoss = styleLoss.mul(options.Beta);
            var tv = options.TotalVariation > 0 ? StyleLosses.TotalVariation(picture).mul(options.TotalVariation) : zeros(1).squeeze();
            var total = contentLoss.add(styleLoss).add(tv);
            return (total, contentLoss.item<float>(), styleLoss.item<float>(), tv.item<float>());
        }

        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int step = 1; step <= options.Steps && !cancel.IsCancellationRequested; step++)
            {
                using var region = NoCollectionRegion.Enter();
                using var scope = NewDisposeScope();
                (Tensor Total, double Content, double Style, double Tv) last = default;
                optimizer.step(() =>
                {
                    optimizer.zero_grad();
                    last = Loss();
                    last.Total.backward();
                    return last.Total;
                });
                using (no_grad()) picture.clamp_(0, 1);
                onStep?.Invoke(new StyleStep(step, last.Content, last.Style, last.Tv, last.Content + last.Style + last.Tv, clock.Elapsed.TotalSeconds), picture.detach());
            }
            return picture.detach().clone();
        }
        finally
        {
            target.Dispose();
            foreach (var g in styleGrams) g.Dispose();
        }
    }
}
