using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Reporting;
using SharpGan.Style;
using SharpGan.Training;
using Spectre.Console;
using static TorchSharp.torch;
using SharpGan.Files;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan style</c>: Gatys et al.'s neural style transfer.</summary>
static class StyleCommand
{
    public static Command Create()
    {
        var defaults = new StyleOptions();
        var content = new Option<string>("--content") { Description = "The picture whose content to keep", Required = true };
        var style = new Option<string>("--style") { Description = "The picture whose style to take", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Folder for result.png, figure.png, steps/, losses.csv, style.json", Required = true }.Folder();
        var net = new Option<string>("--net") { Description = "nsfwjs-mobilenet-v2, nsfwjs-inception-v3 (sharpgan pretrained fetch) or vgg19 (with --weights)", DefaultValueFactory = _ => "nsfwjs-mobilenet-v2" };
        var weights = new Option<string?>("--weights") { Description = "vgg19: a safetensors file with torchvision's VGG-19 weights (docs/style-transfer.md)" };
        var maxPooling = new Option<bool>("--max-pooling") { Description = "vgg19: keep max pooling (the paper switched to average pooling)" };
        var size = new Option<int>("--size") { Description = "Output side in pixels (both pictures are centre-cropped square)", DefaultValueFactory = _ => defaults.Size };
        var steps = new Option<int>("--steps") { Description = "Optimisation steps", DefaultValueFactory = _ => defaults.Steps };
        var optimizer = new Option<string>("--optimizer") { Description = "lbfgs or adam", DefaultValueFactory = _ => defaults.Optimizer };
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default: 1 for lbfgs, 0.02 for adam)" };
        var alpha = new Option<double>("--alpha") { Description = "Weight of the content loss", DefaultValueFactory = _ => defaults.Alpha };
        var beta = new Option<double>("--beta") { Description = "Weight of the style loss", DefaultValueFactory = _ => defaults.Beta };
        var tv = new Option<double>("--tv") { Description = "Weight of the total-variation loss (0: none)", DefaultValueFactory = _ => defaults.TotalVariation };
        var init = new Option<string>("--init") { Description = "content (start from the content picture; right for short budgets) or noise (the paper; needs hundreds of steps)", DefaultValueFactory = _ => defaults.Init };
        var contentLayer = new Option<string?>("--content-layer") { Description = "Layer of the content loss (default: the network's)" };
        var styleLayers = new Option<string?>("--style-layers") { Description = "Comma-separated style layers (default: the network's)" };
        var styleWeights = new Option<string?>("--style-weights") { Description = "Comma-separated w_l for --style-layers (default: equal)" };
        var saveEvery = new Option<int>("--save-every") { Description = "Write steps/step_NNNN.png every N steps (0: none)", DefaultValueFactory = _ => defaults.SaveEvery };
        var seed = new Option<long>("--seed") { Description = "Seed of the starting noise", DefaultValueFactory = _ => defaults.Seed };
        var overwrite = OutputFiles.OverwriteOption();
        var command = new Command("style", "Neural style transfer (Gatys et al.): draw the content picture in the style picture's manner")
        {
            content, style, output, net, weights, maxPooling, size, steps, optimizer, lr, alpha, beta, tv, init, contentLayer, styleLayers, styleWeights, saveEvery, seed, overwrite,
        };
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var options = new StyleOptions
            {
                Size = parse.GetValue(size), Steps = parse.GetValue(steps), Optimizer = parse.GetValue(optimizer)!,
                LearningRate = parse.GetValue(lr) ?? (parse.GetValue(optimizer) == "adam" ? 0.02 : 1),
                Alpha = parse.GetValue(alpha), Beta = parse.GetValue(beta), TotalVariation = parse.GetValue(tv), Init = parse.GetValue(init)!,
                ContentLayer = parse.GetValue(contentLayer), StyleLayers = List(parse.GetValue(styleLayers)),
                StyleWeights = List(parse.GetValue(styleWeights)).Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToList(),
                SaveEvery = parse.GetValue(saveEvery), Seed = parse.GetValue(seed),
            }.Validate();
            string target = parse.GetValue(output)!;
            OutputFiles.Claim("--out", Outputs(target, options), parse.GetValue(overwrite), [parse.GetValue(content)!, parse.GetValue(style)!]);
            var contentPicture = PictureOption.Load("--content", parse.GetValue(content)!, options.Size);
            var stylePicture = PictureOption.Load("--style", parse.GetValue(style)!, options.Size);
            TrainingSession.ConfigureThreads(new TrainConfig());
            using var trunk = Trunk(parse.GetValue(net)!, parse.GetValue(weights), !parse.GetValue(maxPooling));
            return Task.FromResult(Run(trunk, contentPicture, stylePicture, options, target, cancel));
        }), cancel));
        return command;
    }

    static int Run(IFeatureTrunk trunk, PreparedImage contentPicture, PreparedImage stylePicture, StyleOptions options, string target, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        var content = Unit(contentPicture, options.Size);
        var style = Unit(stylePicture, options.Size);
        AnsiConsole.MarkupLineInterpolated($"[bold]style transfer[/] with {trunk.Name} at {options.Size}px, {options.Steps} {options.Optimizer} steps → [blue]{target}[/]");
        var csv = new StringBuilder("step,content,style,tv,total,seconds\n");
        var history = new List<StyleStep>();
        var result = StyleTransfer.Run(trunk, content, style, options, (step, picture) =>
        {
            history.Add(step);
            csv.Append(CultureInfo.InvariantCulture, $"{step.Step},{step.Content:G6},{step.Style:G6},{step.TotalVariation:G6},{step.Total:G6},{step.Seconds:F2}\n");
            if (step.Step == 1 || step.Step % 10 == 0 || step.Step == options.Steps)
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"step {step.Step}/{options.Steps}: content {step.Content:G4}, style {step.Style:G4}, tv {step.TotalVariation:G3}, total {step.Total:G4} ({step.Seconds:F0} s)");
            if (options.SaveEvery > 0 && step.Step % options.SaveEvery == 0)
                PngFile.Write(StepFile(target, step.Step), ImageTensors.ToImages(Signed(picture))[0]);
        }, cancel);
        if (history.Count == 0) throw new OperationCanceledException();   // stopped before its first step: nothing to write
        PngFile.Write(Path.Combine(target, "result.png"), ImageTensors.ToImages(Signed(result))[0]);
        PngFile.Write(Path.Combine(target, "figure.png"), ImageTensors.ToGrid(Signed(cat([content, style, result], 0)), 3));
        AtomicFile.WriteText(Path.Combine(target, "losses.csv"), csv.ToString());
        var summary = new
        {
            net = trunk.Name, options.Size, options.Steps, stepsDone = history.Count, options.Optimizer, options.LearningRate, options.Alpha, options.Beta,
            tv = options.TotalVariation, options.Init, contentLayer = options.ContentLayer ?? trunk.DefaultContentLayer,
            styleLayers = options.StyleLayers.Count > 0 ? options.StyleLayers : trunk.DefaultStyleLayers.Select(s => s.Layer).ToList(),
            firstStyleLoss = history[0].Style, lastStyleLoss = history[^1].Style, styleLossFall = history[0].Style / Math.Max(history[^1].Style, 1e-30),
            firstTotal = history[0].Total, lastTotal = history[^1].Total, seconds = history[^1].Seconds,
        };
        AtomicFile.WriteText(Path.Combine(target, "style.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions(ConfigLoader.Json) { WriteIndented = true }));
        // Ctrl+C ends the optimisation early; the picture so far is still written, and said to be that.
        bool interrupted = history.Count < options.Steps;
        var outcome = interrupted ? string.Create(CultureInfo.InvariantCulture, $"[yellow]interrupted[/] after {history.Count} of {options.Steps} steps") : "[green]done[/]";
        AnsiConsole.MarkupLine(outcome + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $" in {history[^1].Seconds:F0} s: style loss {history[0].Style:G4} → {history[^1].Style:G4} ({summary.styleLossFall:F0}× lower); result.png, figure.png, losses.csv, style.json")));
        return interrupted ? CliErrors.Interrupted : 0;
    }

    /// <summary>Every file a transfer with <paramref name="options"/> writes into <paramref name="target"/>.</summary>
    static IEnumerable<string> Outputs(string target, StyleOptions options) =>
        new[] { "result.png", "figure.png", "losses.csv", "style.json" }.Select(name => Path.Combine(target, name))
            .Concat(options.SaveEvery > 0
                ? Enumerable.Range(1, options.Steps / options.SaveEvery).Select(k => StepFile(target, k * options.SaveEvery))
                : []);

    static string StepFile(string target, int step) => Path.Combine(target, "steps", $"step_{step:D4}.png");

    static IFeatureTrunk Trunk(string name, string? weights, bool averagePooling) => name switch
    {
        "nsfwjs-mobilenet-v2" => KerasTrunk.MobileNetV2(),
        "nsfwjs-inception-v3" => KerasTrunk.InceptionV3(),
        "vgg19" => Vgg19.Load(weights ?? throw new ArgumentException("--net vgg19 needs --weights FILE (a safetensors file of torchvision's VGG-19; docs/style-transfer.md)"), averagePooling),
        _ => throw new ArgumentException($"--net '{name}': allowed nsfwjs-mobilenet-v2, nsfwjs-inception-v3, vgg19"),
    };

    /// <summary>The picture as 1 × 3 × S × S in [0, 1].</summary>
    static Tensor Unit(PreparedImage picture, int size) => ImageSet.From([picture], size).AsTensor().add(1).div(2);

    static Tensor Signed(Tensor unit) => unit.mul(2).sub(1);

    static IReadOnlyList<string> List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
