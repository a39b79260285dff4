using SharpGan.Cli;
using SharpGan.Reporting;
using SharpGan.Tests.Training;
using SharpGan.Training;

namespace SharpGan.Tests.Reporting;

/// <summary><c>compare</c>'s layer columns, read off each run's own networks: one tiny run per architecture and a pix2pix run.</summary>
public class NetworkShapeTests
{
    [Fact]
    public async Task Compare_gives_each_architecture_its_true_layers_and_first_map()
    {
        using var dir = new TempDir();
        string[] architectures = ["dcgan", "dense-dcgan", "srresnet", "dcgan-5x5"];
        foreach (var architecture in architectures)
        {
            var config = TinyRun.Config(dir[architecture], epochs: 1);   // 32 px, ngf = ndf = 8
            config = config with { Model = config.Model with { Architecture = architecture, ResidualBlocks = 1 } };
            var (trainer, _) = TrainingSession.Open(config, [new SampleGridSink()]);
            using (trainer) trainer.Run();
        }
        Assert.Equal(0, await SharpGanCli.Build().Parse(["data", "pairs", Repo.Fixture("tiny"), dir["pairs"], "--kind", "edges", "--size", "32", "--test", "0.25"]).InvokeAsync());
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "translate", "train", "--data", dir["pairs/train"], "--val", dir["pairs/test"], "--out", dir["pix2pix"], "--size", "32", "--epochs", "1",
            "--d-layers", "2", "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false", "--set", "output.gif=false",
        ]).InvokeAsync());

        Assert.Equal(0, await SharpGanCli.Build().Parse(["compare", .. architectures.Select(a => dir[a]), dir["pix2pix"], "--out", dir["cmp"]]).InvokeAsync());
        var table = File.ReadAllLines(Path.Combine(dir["cmp"], "table.md"));
        var header = table[0].Split(" | ");
        int map = Array.IndexOf(header, "G's first map"), layers = Array.IndexOf(header, "layers G / D");
        var rows = table[2..].Select(l => l.Split(" | ")).ToDictionary(c => c[0].TrimStart('|', ' '), c => (Map: c[map], Layers: c[layers]));
        // DCGAN: the 4×4 projection to 32 filters, three stride-2 transposed convolutions to 32 px; D: three halvings, the 4×4 logit.
        Assert.Equal(("32×4×4", "4 / 4"), rows["dcgan"]);
        // Dense: two dense layers reshaped to 8×16×16, one transposed convolution to 32 px, the 3×3 RGB one; D: 3 convolutions + dense head.
        Assert.Equal(("8×16×16", "4 / 4"), rows["dense-dcgan"]);
        // SRResNet: dense to 8×4×4, one residual block (2 convolutions), three upscaling convolutions, the 9×9 RGB one;
        // D: stem, two stages of 2 residual blocks (4 convolutions) and a downsampling one, dense head.
        Assert.Equal(("8×4×4", "7 / 12"), rows["srresnet"]);
        // 5×5: dense to 32×4×4, three 5×5 transposed convolutions; D: three 5×5 convolutions + dense head.
        Assert.Equal(("32×4×4", "4 / 4"), rows["dcgan-5x5"]);
        // pix2pix's U-Net at 32 px, depth 5: 2 convolutions per encoder level, 2 in the bottleneck, an up-convolution and
        // 2 convolutions per decoder level, the 1×1 head (28); its first map is level 0's 3×3 convolution at full size.
        // PatchGAN with 2 layers: 4 convolutions.
        Assert.Equal(("8×32×32", "28 / 4"), rows["pix2pix"]);
    }
}
