using Google.Protobuf;
using SharpGan.Compute;
using SharpGan.Data;
using SharpGan.Models;
using SharpGan.Onnx;
using SharpGan.Recipes.Kinds;
using SharpGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Export;

/// <summary>What an export wrote: the two files and how closely the graph reproduced the network.</summary>
public sealed record ExportResult(string OnnxPath, string ManifestPath, long OnnxBytes, double MaxDifference, ExportManifest Manifest);

/// <summary>
/// A run's generator as <c>generator.onnx</c> + <c>generator.json</c>: the checkpoint's generator (its EMA weights
/// when the run kept them) in eval mode, with the inputs its GAN kind samples from (<see cref="KindSampling"/>):
/// noise, a class or tag code, a mask, a picture, and one keep mask per dropout that stays on at sampling. Before
/// anything is written, ONNX Runtime runs the graph on fixed inputs and must match the network within
/// <see cref="OnnxCheck.Tolerance"/>.
/// </summary>
public static class GeneratorExport
{
    const int CheckBatch = 3;

    public static ExportResult Write(Checkpoint checkpoint, string folder)
    {
        var config = checkpoint.Config;
        var kind = GanKinds.Of(config);
        using var recipe = kind.CreateRecipe(config);
        checkpoint.RestoreNetworks(recipe);
        if (checkpoint.HasEma)
            checkpoint.RestoreEma(recipe.Generator);
        var generator = recipe.Generator;
        generator.eval();
        ComputeLayers.Apply(generator, ComputePolicy.Fp32Nchw);

        var model = config.Model;
        var graph = new OnnxGraph();
        var inputs = new List<ManifestTensor>();
        int size = model.ImageSize;
        var latent = model.LatentShape;
        bool pictures = kind.Sampling.HasFlag(KindSampling.Pictures);
        bool coded = (kind.Sampling & (KindSampling.Classes | KindSampling.Tags)) != 0 && model.Classes.Length > 0;
        bool masked = kind.Sampling.HasFlag(KindSampling.Masks);

        OnnxValue main;
        if (pictures)
        {
            main = graph.Input("picture", [-1, 3, size, size]);
            inputs.Add(new ManifestTensor("picture", main.Shape, "the picture to translate, RGB, NCHW", -1, 1));
        }
        else
        {
            main = graph.Input("noise", [-1, latent.Channels, latent.Size, latent.Size]);
            inputs.Add(new ManifestTensor("noise", main.Shape, $"standard-normal noise; for a seed SharpGan draws it as '{ExportManifest.TorchCpuNoise}'"));
        }
        if (coded)
        {
            var code = graph.Input("code", [-1, model.Classes.Length]);
            inputs.Add(new ManifestTensor("code", code.Shape, model.MultiLabel
                ? "multi-hot tags, 1 for each tag asked for, in the order of 'classes'"
                : "one-hot class, in the order of 'classes'", 0, 1));
            // AcganRecipe.NoiseForTags: the code broadcast over the latent's side, concatenated as channels.
            main = graph.Concat(main, graph.Expand(graph.Reshape(code, model.Classes.Length, 1, 1), latent.Size, latent.Size));
        }
        OnnxValue? mask = null;
        if (masked)
        {
            mask = graph.Input("mask", [-1, 1, size, size]);
            inputs.Add(new ManifestTensor("mask", mask.Shape, "where the object goes: 1 object, 0 background (fractions allowed)", 0, 1));
        }

        var network = $"model.architecture {model.Architecture} (model.conditioning {model.Conditioning})";
        var context = new ExportContext(graph, network) { Mask = mask };
        var image = graph.Output(OnnxModules.Export(generator, main, context), "image");
        if (image.Shape is not [_, 3, var h, var w] || h != size || w != size)
            throw new OnnxExportException($"{network}: the graph's image is {string.Join('×', image.Shape.Skip(1))}, not 3×{size}×{size}");
        inputs.AddRange(context.DropoutInputs);

        var bytes = graph.ToModel($"SharpGan generator: {network}").ToByteArray();
        double difference = Check(generator, recipe, bytes, inputs, coded, masked, pictures, model, latent, network);

        var manifest = new ExportManifest(
            ExportManifest.CurrentFormat, "generator", "generator.onnx", OnnxGraph.Opset, model.Conditioning, model.Architecture, size,
            inputs, [new ManifestTensor("image", image.Shape, "the generated picture, RGB, NCHW", -1, 1)],
            model.Classes, model.MultiLabel, TagGroups(config), ExportManifest.TorchCpuNoise, checkpoint.HasEma,
            checkpoint.State.History.Count, Path.GetFileName(checkpoint.Path), ConfigDigest(checkpoint));
        var (onnx, json) = ExportFolder.Write(folder, "generator", bytes, manifest);
        return new ExportResult(onnx, json, bytes.Length, difference, manifest);
    }

    /// <summary>The graph of a generator that draws from noise alone (no check, no manifest): for timing it.</summary>
    internal static byte[] NoiseGraph(nn.Module generator, Config.LatentShape latent, string network)
    {
        generator.eval();
        var graph = new OnnxGraph();
        var noise = graph.Input("noise", [-1, latent.Channels, latent.Size, latent.Size]);
        graph.Output(OnnxModules.Export(generator, noise, new ExportContext(graph, network)), "image");
        return graph.ToModel($"SharpGan generator: {network}").ToByteArray();
    }

    /// <summary>Fixed inputs through both the network and ONNX Runtime: seeded noise, codes running through the
    /// classes, a box mask per sample, seeded pictures, and dropout at its mean on both sides.</summary>
    static double Check(nn.Module generator, Recipes.IGanRecipe recipe, byte[] bytes, IReadOnlyList<ManifestTensor> inputs,
        bool coded, bool masked, bool pictures, Config.ModelConfig model, Config.LatentShape latent, string network)
    {
        var dropouts = generator.modules().OfType<GeneratorDropout>().Where(d => d.AtSampling).ToList();
        foreach (var d in dropouts) d.AtSampling = false;
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var random = new Generator(1234);
            var feeds = new Dictionary<string, Tensor>();
            Tensor networkInput;
            if (pictures)
                networkInput = feeds["picture"] = rand([CheckBatch, 3, model.ImageSize, model.ImageSize], generator: random).mul(2).sub(1);
            else
            {
                var noise = feeds["noise"] = randn(latent.BatchShape(CheckBatch), generator: random);
                networkInput = noise;
                if (coded)
                {
                    var code = feeds["code"] = nn.functional.one_hot(arange(CheckBatch).remainder(model.Classes.Length), model.Classes.Length).to_type(ScalarType.Float32);
                    networkInput = cat([noise, code.view(CheckBatch, -1, 1, 1).expand(-1, -1, latent.Size, latent.Size)], 1);
                }
                if (masked)
                {
                    var masks = feeds["mask"] = BoxMasks(CheckBatch, model.ImageSize);
                    networkInput = MaskedLatent.Pack(noise, masks);
                }
            }
            foreach (var input in inputs.Where(i => i.Probability is not null))
                feeds[input.Name] = ones(input.Shape.Select(d => d < 0 ? CheckBatch : d).ToArray());
            var expected = recipe.Generate(networkInput);
            return OnnxCheck.Require(network, bytes, feeds, new Dictionary<string, Tensor> { ["image"] = expected });
        }
        finally
        {
            foreach (var d in dropouts) d.AtSampling = true;
        }
    }

    /// <summary>One filled rectangle per sample, each in another place: masks that tell the blocks apart.</summary>
    internal static Tensor BoxMasks(int count, int size)
    {
        var masks = zeros(count, 1, size, size);
        for (int i = 0; i < count; i++)
        {
            int top = i * size / (2 * count), left = size / 2 - i * size / (2 * count) - 1;
            masks[i, 0, TensorIndex.Slice(top, top + size / 2), TensorIndex.Slice(Math.Max(0, left), Math.Max(0, left) + size / 2)] = 1;
        }
        return masks;
    }

    /// <summary>The run's exclusive tag groups, read from its data.tag_groups file when that is still there.</summary>
    static IReadOnlyList<ManifestTagGroup> TagGroups(Config.SharpGanConfig config)
    {
        var file = config.Data.TagGroups;
        if (!config.Model.MultiLabel || file.Length == 0 || !File.Exists(file)) return [];
        if (Data.InputFile.Problem(file) is { } notAFile) throw new InvalidDataException($"data.tag_groups = '{file}': {notAFile}");
        return TagGroup.Parse(file, File.ReadAllLines(file)).Select(g => new ManifestTagGroup(g.Name, g.Tags)).ToList();
    }

    static string ConfigDigest(Checkpoint checkpoint) =>
        checkpoint.Entries.First(e => e.Name == "config.json").Sha256;
}
