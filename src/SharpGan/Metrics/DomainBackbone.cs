using System.IO.Compression;
using System.Text.Json;
using SharpGan.Config;
using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>What a trained domain backbone is, stored beside its weights.</summary>
public sealed record DomainBackboneInfo(string Dataset, int InputSize, int FeatureDimension, IReadOnlyList<string> Classes,
    int TrainImages, int ValidationImages, double ValidationAccuracy, IReadOnlyDictionary<string, double> ClassAccuracy, int Epochs, long Seed);

/// <summary>
/// A <see cref="DomainClassifier"/> trained by <c>sharpgan eval backbone train</c> on a labelled real set, as a
/// feature backbone: penultimate (pooled) features for the distances, softmax for the Inception Score and per-class
/// accuracy. A file holds <c>backbone.json</c> (<see cref="DomainBackboneInfo"/>) and <c>weights.bin</c>.
/// </summary>
public sealed class DomainBackbone : IFeatureBackbone
{
    const string InfoEntry = "backbone.json", WeightsEntry = "weights.bin";

    internal DomainClassifier Network { get; }
    public DomainBackboneInfo Info { get; }

    internal DomainBackbone(DomainClassifier network, DomainBackboneInfo info)
    {
        Network = network;
        Info = info;
        Network.eval();
    }

    public string Name => $"domain:{Info.Dataset}/pool-{Info.FeatureDimension}";
    public int InputSize => Info.InputSize;
    public string ResizeFilter => "bilinear (torch interpolate, align_corners false, no antialias)";
    public IReadOnlyList<string> Classes => Info.Classes;

    public (Tensor Features, Tensor? Probabilities) Forward(Tensor images)
    {
        using var _ = no_grad();
        var (features, logits) = Network.ForwardBoth(images);
        return (features, logits.softmax(1));
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry(InfoEntry).Open())
                s.Write(JsonSerializer.SerializeToUtf8Bytes(Info, ConfigLoader.Json));
            using (var s = zip.CreateEntry(WeightsEntry, CompressionLevel.NoCompression).Open())
            using (var w = new BinaryWriter(s))
                Network.save(w);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static DomainBackbone Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"backbone '{path}' does not exist; train one with: sharpgan eval backbone train --data DIR --out {path}", path);
        if (InputFile.Problem(path) is { } notAFile)   // a FIFO would block the read for ever
            throw new InvalidDataException($"backbone '{path}': {notAFile}");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var infoEntry = zip.GetEntry(InfoEntry) ?? throw new InvalidDataException($"'{path}' is not a SharpGan backbone: no {InfoEntry}");
            DomainBackboneInfo info;
            using (var s = infoEntry.Open())
                info = JsonSerializer.Deserialize<DomainBackboneInfo>(s, ConfigLoader.Json)!;
            var network = new DomainClassifier(info.InputSize, info.Classes.Count);
            using (var s = zip.GetEntry(WeightsEntry)!.Open())
            using (var m = new MemoryStream())
            {
                s.CopyTo(m);
                m.Position = 0;
                using var r = new BinaryReader(m);
                network.load(r);
            }
            return new DomainBackbone(network, info);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith('\''))
        {
            throw new InvalidDataException($"'{path}' is not a SharpGan backbone: {e.Message}", e);
        }
    }

    public void Dispose() => Network.Dispose();
}
