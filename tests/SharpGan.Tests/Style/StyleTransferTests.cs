using SharpGan.Cli;
using SharpGan.Pretrained;
using SharpGan.Style;
using SharpGan.Tests.Pretrained;
using SkiaSharp;
using static TorchSharp.torch;

namespace SharpGan.Tests.Style;

public class StyleTransferTests : IClassFixture<FetchedModels>
{
    static string Flower(int i) => Directory.GetFiles(Repo.Fixture("tiny"), "*.png").Order().ElementAt(i);

    [Fact]
    public void Optimising_a_32_pixel_picture_lowers_the_total_loss()
    {
        using var trunk = KerasTrunk.MobileNetV2();
        using var scope = NewDisposeScope();
        var content = rand(1, 3, 32, 32, generator: new Generator(1));
        var style = rand(1, 3, 32, 32, generator: new Generator(2)).pow(3);
        var losses = new List<double>();
        StyleTransfer.Run(trunk, content, style, new StyleOptions { Size = 32, Steps = 15, SaveEvery = 0 }, (step, _) => losses.Add(step.Total));
        Assert.Equal(15, losses.Count);
        Assert.True(losses[^1] < losses[0] / 2, $"{losses[0]:G4} → {losses[^1]:G4}");
    }

    [Fact]
    public void By_default_the_picture_starts_as_the_content_and_with_noise_it_does_not()
    {
        using var trunk = KerasTrunk.MobileNetV2();
        using var scope = NewDisposeScope();
        var content = rand(1, 3, 32, 32, generator: new Generator(1));
        var style = rand(1, 3, 32, 32, generator: new Generator(2)).pow(3);
        double FirstContentLoss(StyleOptions options)
        {
            var first = double.NaN;
            StyleTransfer.Run(trunk, content, style, options with { Size = 32, Steps = 1, SaveEvery = 0 }, (step, _) => first = step.Content);
            return first;
        }
        Assert.Equal(0, FirstContentLoss(new StyleOptions()));               // measured at the start picture: the content itself
        Assert.True(FirstContentLoss(new StyleOptions { Init = "noise" }) > 0);
    }

    [Fact]
    public void Vgg19_names_its_layers_as_the_paper_and_loads_torchvision_keys_from_safetensors()
    {
        using var dir = new TempDir();
        using var vgg = new Vgg19();
        Assert.Equal(37, vgg.LayerNames.Count);
        Assert.Equal(["conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1"], vgg.LayerNames.Take(5));
        Assert.Equal("pool5", vgg.LayerNames[^1]);
        using var scope = NewDisposeScope();
        var x = rand(1, 3, 32, 32);
        var features = vgg.Features(x, ["relu1_1", "relu4_2", "pool5"]);
        Assert.Equal([1L, 64, 32, 32], features["relu1_1"].shape);
        Assert.Equal([1L, 512, 4, 4], features["relu4_2"].shape);
        Assert.Equal([1L, 512, 1, 1], features["pool5"].shape);

        var file = WriteWeights(dir, vgg);
        using var loaded = Vgg19.Load(file);
        Assert.Equal(0f, loaded.Features(x, ["pool5"])["pool5"].sub(features["pool5"]).abs().max().item<float>());

        SafeTensors.Write(dir["short.safetensors"], vgg.state_dict().Where(p => p.Key.StartsWith("features.") && p.Key != "features.34.bias").ToDictionary());
        var e = Assert.Throws<InvalidDataException>(() => Vgg19.Load(dir["short.safetensors"]));
        Assert.Contains("short.safetensors", e.Message);
        Assert.Contains("features.34.bias", e.Message);
    }

    [Fact]
    public async Task The_command_writes_the_result_figure_and_losses_and_names_bad_input()
    {
        using var dir = new TempDir();
        using (var vgg = new Vgg19()) WriteWeights(dir, vgg);
        Assert.Equal(0, await SharpGanCli.Build().Parse(["style", "--content", Flower(0), "--style", Flower(5), "--out", dir["out"],
            "--net", "vgg19", "--weights", dir["vgg19.safetensors"], "--size", "32", "--steps", "4", "--save-every", "2", "--init", "content"]).InvokeAsync());
        using (var result = SKBitmap.Decode(dir["out/result.png"])) Assert.Equal((32, 32), (result.Width, result.Height));
        using (var figure = SKBitmap.Decode(dir["out/figure.png"])) Assert.Equal((3 * 32 + 4 * 2, 32 + 2 * 2), (figure.Width, figure.Height));
        Assert.Equal(2, Directory.GetFiles(dir["out/steps"]).Length);
        Assert.Equal(5, File.ReadAllLines(dir["out/losses.csv"]).Length);
        Assert.Contains("\"last_style_loss\"", File.ReadAllText(dir["out/style.json"]));

        Assert.Equal(2, await SharpGanCli.Build().Parse(["style", "--content", dir["none.png"], "--style", Flower(5), "--out", dir["bad"], "--size", "32"]).InvokeAsync());
        Assert.Equal(2, await SharpGanCli.Build().Parse(["style", "--content", Flower(0), "--style", Flower(5), "--out", dir["bad"], "--net", "vgg19", "--size", "32"]).InvokeAsync());
        Assert.False(Directory.Exists(dir["bad"]));
    }

    static string WriteWeights(TempDir dir, Vgg19 vgg)
    {
        var file = dir["vgg19.safetensors"];
        SafeTensors.Write(file, vgg.state_dict().Where(p => p.Key.StartsWith("features.")).ToDictionary());
        return file;
    }
}
