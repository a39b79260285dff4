using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Tests.Cli;
using static TorchSharp.torch;

namespace SharpGan.Tests.Reporting;

/// <summary><c>sharpgan eval features</c>: the features the metrics compute, as a NumPy or CSV file.</summary>
public class FeatureExportTests
{
    /// <summary>An untrained domain backbone at 16 px: its features are as exact a check as a trained one's.</summary>
    static string Backbone(TempDir dir)
    {
        var file = dir["untrained.sgb"];
        using var net = new DomainBackbone(new DomainClassifier(16, 2),
            new DomainBackboneInfo("untrained", 16, 128, ["a", "b"], 0, 0, 0, new Dictionary<string, double>(), 0, 0));
        net.Save(file);
        return file;
    }

    /// <summary>What the metrics compute on the tiny fixture, the images loaded at 32 px and resized to the backbone's 16.</summary>
    static (float[] Values, long Dimension, IReadOnlyList<string> Files) Expected(string backbone)
    {
        using var net = DomainBackbone.Load(backbone);
        var (images, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        var features = FeatureExtractor.Extract(net, ImageSetBatches.Of(images)).Features;
        return (features.to_type(ScalarType.Float32).data<float>().ToArray(), features.shape[1],
            images.Paths.Select(p => Path.GetRelativePath(Repo.Fixture("tiny"), p)).ToList());
    }

    [Fact]
    public async Task The_npy_file_holds_the_metrics_features_under_a_header_numpy_parses()
    {
        using var dir = new TempDir();
        var backbone = Backbone(dir);
        var (exit, text) = await CliOutput.Run("eval", "features", "--backbone", backbone, "--in", Repo.Fixture("tiny"), "--size", "32", "--out", dir["f.npy"]);
        Assert.True(exit == 0, text);
        var (expected, d, files) = Expected(backbone);
        Assert.Contains($"{files.Count} × {d} features of domain:untrained/pool-128", text);

        var bytes = File.ReadAllBytes(dir["f.npy"]);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.EndsWith("\n", header);
        Assert.Equal($"{{'descr': '<f4', 'fortran_order': False, 'shape': ({files.Count}, {d}), }}", header.TrimEnd());
        int start = 10 + headerLength;
        Assert.Equal(expected.Length * 4, bytes.Length - start);
        var values = Enumerable.Range(0, expected.Length).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(start + 4 * i))).ToArray();
        Assert.Equal(expected, values);
    }

    [Fact]
    public async Task The_csv_has_one_row_per_image_named_by_file_with_the_same_values()
    {
        using var dir = new TempDir();
        var backbone = Backbone(dir);
        Assert.Equal(0, (await CliOutput.Run("eval", "features", "--backbone", backbone, "--in", Repo.Fixture("tiny"), "--size", "32", "--out", dir["f.csv"])).Exit);
        var (expected, d, files) = Expected(backbone);
        var lines = File.ReadAllLines(dir["f.csv"]);
        Assert.Equal("file," + string.Join(",", Enumerable.Range(0, (int)d).Select(j => $"f{j}")), lines[0]);
        Assert.Equal(files, lines[1..].Select(l => l.Split(',')[0]));
        var values = lines[1..].SelectMany(l => l.Split(',')[1..].Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(expected, values);
    }

    [Fact]
    public async Task Another_extension_is_refused_naming_both_formats()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("eval", "features", "--backbone", Backbone(dir), "--in", Repo.Fixture("tiny"), "--out", dir["f.txt"]);
        Assert.Equal(2, exit);
        Assert.Contains(".npy or .csv", text);
        Assert.False(File.Exists(dir["f.txt"]));
    }
}
