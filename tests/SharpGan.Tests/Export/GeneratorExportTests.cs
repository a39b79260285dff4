using SharpGan.Config;
using SharpGan.DataTools;
using SharpGan.Export;
using SharpGan.Models;
using SharpGan.Onnx;
using SharpGan.Recipes.Kinds;
using SharpGan.Tests.Data;
using SharpGan.Tests.Training;
using SharpGan.Training;
using static TorchSharp.torch;

namespace SharpGan.Tests.Export;

/// <summary>
/// Every kind × architecture that trains, trained for one epoch on the tiny flowers, exported, and run in ONNX
/// Runtime on inputs of its own (another batch size than the export's check): the pictures equal TorchSharp's
/// eval forward within 1e-4.
/// </summary>
public class GeneratorExportTests
{
    public static TheoryData<string> Runs() => [.. Recipes.Keys];

    /// <summary>The runs, by name: the config changes from the tiny run of each.</summary>
    internal static readonly Dictionary<string, Func<TempDir, SharpGanConfig, SharpGanConfig>> Recipes = new()
    {
        ["dcgan"] = (_, c) => c,
        ["dcgan-latent-2x2-spectral-norm"] = (_, c) => c with { Model = c.Model with { Latent = "32x2x2", SpectralNorm = true } },
        ["dense-dcgan-dropout-at-sampling"] = (_, c) => c with { Model = c.Model with { Architecture = "dense-dcgan", GDropout = 0.5, GDropoutAtSampling = true } },
        ["srresnet"] = (_, c) => c with { Model = c.Model with { Architecture = "srresnet", ResidualBlocks = 2 } },
        ["dcgan-5x5"] = (_, c) => c with { Model = c.Model with { Architecture = "dcgan-5x5" } },
        ["r3gan"] = (_, c) => c with { Model = c.Model with { Architecture = "r3gan" }, Train = c.Train with { Loss = "rpgan" } },
        ["acgan-classes"] = (d, c) => c with { Data = Labelled(d, c), Model = c.Model with { Conditioning = "acgan" } },
        ["acgan-classes-r3gan"] = (d, c) => c with { Data = Labelled(d, c), Model = c.Model with { Conditioning = "acgan", Architecture = "r3gan" } },
        ["acgan-classes-srresnet"] = (d, c) => c with { Data = Labelled(d, c), Model = c.Model with { Conditioning = "acgan", Architecture = "srresnet", ResidualBlocks = 1 } },
        ["acgan-tags"] = (d, c) => c with { Data = Tagged(d, c), Model = c.Model with { Conditioning = "acgan" } },
        ["semi-supervised"] = (d, c) => c with { Data = Labelled(d, c), Model = c.Model with { Conditioning = "semi-supervised" } },
        ["mask"] = (_, c) => c with { Data = c.Data with { Masks = "alpha" }, Model = c.Model with { Conditioning = "mask" } },
        ["pix2pix"] = (d, c) => c with { Data = Pairs(d, c), Model = c.Model with { Conditioning = "pix2pix", DLayers = 2 } },
        ["pix2pix-instance-norm"] = (d, c) => c with { Data = Pairs(d, c), Model = c.Model with { Conditioning = "pix2pix", DLayers = 2, Pix2PixNorm = "instance" } },
    };

    static DataConfig Labelled(TempDir dir, SharpGanConfig c)
    {
        File.WriteAllLines(dir["labels.csv"], Directory.GetFiles(Repo.Fixture("tiny")).Select(f => $"{Path.GetFileName(f)},{Path.GetFileName(f).Split('-')[0]}"));
        return c.Data with { Labels = "csv", LabelsFile = dir["labels.csv"] };
    }

    static DataConfig Tagged(TempDir dir, SharpGanConfig c)
    {
        File.WriteAllLines(dir["tags.csv"], AttributeTagsTests.TagRows);
        File.WriteAllLines(dir["groups.txt"], AttributeTagsTests.GroupLines);
        return c.Data with { Labels = "tags", TagsFile = dir["tags.csv"], TagGroups = dir["groups.txt"] };
    }

    static DataConfig Pairs(TempDir dir, SharpGanConfig c)
    {
        PairMaker.Run(Repo.Fixture("tiny"), dir["pairs"], new PairOptions(PairKind.Edges, 32));
        return c.Data with { Path = dir["pairs"], Holdout = 2 };
    }

    /// <summary>Trains the named run for one epoch and returns its checkpoint.</summary>
    internal static Checkpoint Trained(string name, TempDir dir)
    {
        // fp32 on every CPU: checkpoint sampling then computes as the export does (bf16 would differ by more than a level).
        var tiny = TinyRun.Config(dir["run"], epochs: 1);
        var config = Recipes[name](dir, tiny with { Train = tiny.Train with { Precision = "fp32", Layout = "nchw" } });
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        return Checkpoint.Read(trainer.CheckpointPath);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_exported_generator_computes_what_the_network_computes(string name)
    {
        using var dir = new TempDir();
        var checkpoint = Trained(name, dir);
        var result = GeneratorExport.Write(checkpoint, dir["export"]);
        Assert.InRange(result.MaxDifference, 0, 1e-4);
        var manifest = ExportManifest.Read(result.ManifestPath);
        Assert.Equal(checkpoint.Config.Model.Conditioning, manifest.Kind);
        Assert.Equal(checkpoint.Config.Model.Architecture, manifest.Architecture);
        Assert.Equal(checkpoint.HasEma, manifest.Ema);
        Assert.Equal(1, manifest.Epoch);

        // The network as the sampler sees it, on five inputs of the test's own (the export checked three).
        using var recipe = GanKinds.Of(checkpoint.Config).CreateRecipe(checkpoint.Config);
        checkpoint.RestoreNetworks(recipe);
        if (checkpoint.HasEma) checkpoint.RestoreEma(recipe.Generator);
        recipe.Generator.eval();
        foreach (var dropout in recipe.Generator.modules().OfType<GeneratorDropout>()) dropout.AtSampling = false;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var random = new TorchSharp.torch.Generator(99);
        const int batch = 5;
        var model = checkpoint.Config.Model;
        var feeds = new Dictionary<string, Tensor>();
        Tensor input;
        if (manifest.Input("picture") is not null)
            input = feeds["picture"] = rand([batch, 3, 32, 32], generator: random).mul(2).sub(1);
        else
        {
            input = feeds["noise"] = randn(model.LatentShape.BatchShape(batch), generator: random);
            if (manifest.Input("code") is { } code)
            {
                Assert.Equal(model.Classes, manifest.Classes);
                // Classes cycle; for tags, two at a time.
                var codes = feeds["code"] = rand([batch, code.Shape[1]], generator: random).gt(0.5).to_type(ScalarType.Float32);
                input = cat([input, codes.view(batch, -1, 1, 1).expand(-1, -1, model.LatentShape.Size, model.LatentShape.Size)], 1);
            }
            if (manifest.Input("mask") is not null)
                input = MaskedLatent.Pack(input, feeds["mask"] = rand([batch, 1, 32, 32], generator: random).gt(0.5).to_type(ScalarType.Float32));
        }
        foreach (var d in manifest.Inputs.Where(i => i.Probability is not null))
            feeds[d.Name] = ones(d.Shape.Select(s => s < 0 ? batch : s).ToArray());
        // Without autograd, as the sampler and the export's own check compute.
        Tensor generated;
        using (no_grad())
            generated = recipe.Generate(input);
        var expected = OnnxParity.Host(generated);
        var actual = OnnxParity.Run(result.OnnxPath, feeds)["image"];
        // Instance norm over the U-Net's 2×2 maps divides by the spread of four values, which after two epochs can be
        // tiny, so this fixture magnifies rounding: ONNX Runtime and TorchSharp part by 5.7e-5 for one training of it
        // and 1.0e-4 for another (its training convolutions padded, SafeConvolution); the other kinds by under 3e-6.
        Assert.InRange(OnnxParity.MaxDifference(expected, actual), 0, name == "pix2pix-instance-norm" ? 2e-4 : 1e-4);
        // The graph reads its inputs: two samples' pictures differ.
        int perImage = expected.Length / batch;
        Assert.True(OnnxParity.MaxDifference(actual[..perImage], actual[perImage..(2 * perImage)]) > 1e-6);

        if (manifest.Inputs.FirstOrDefault(i => i.Probability is not null) is { } first)
        {
            // A dropout input is wired: dropping everything there changes the picture.
            feeds[first.Name] = zeros(first.Shape.Select(s => s < 0 ? batch : s).ToArray());
            Assert.True(OnnxParity.MaxDifference(expected, OnnxParity.Run(result.OnnxPath, feeds)["image"]) > 1e-3);
        }
    }
}
