using SharpGan.Config;
using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// The FID network's pool3 features (2048-d at 299×299, bilinear resize as pytorch-fid does), from weights the
/// user supplies. With it the Fréchet distance is the FID proper, comparable with published numbers only for the
/// same sample counts and image preprocessing.
/// </summary>
internal sealed class FidInceptionBackbone(FidInceptionV3 network) : IFeatureBackbone
{
    public string Name => "fid-inception-v3/pool3";
    public int InputSize => FidInceptionV3.InputSize;
    public string ResizeFilter => "bilinear (torch interpolate, align_corners false, no antialias; as pytorch-fid)";
    public IReadOnlyList<string> Classes => [];

    public (Tensor Features, Tensor? Probabilities) Forward(Tensor images)
    {
        using var _ = no_grad();
        return (network.forward(images), null);
    }

    public void Dispose() => network.Dispose();
}

/// <summary>Opens a backbone by name or file: <c>nsfwjs-mobilenet-v2/pool</c> and <c>nsfwjs-inception-v3/pool</c>
/// are the imported nsfwjs trunks; a <c>.safetensors</c> file is the FID Inception; any other file a SharpGan domain backbone.</summary>
public static class Backbones
{
    /// <summary>Fails before a run reads any data when <c>eval.backbone</c> names neither a file nor a known backbone.</summary>
    /// <exception cref="ConfigException">The message lists the names there are.</exception>
    public static void Check(EvalConfig eval)
    {
        if (eval.Every > 0 && eval.Backbone.Length > 0 && !File.Exists(eval.Backbone) && !NsfwjsBackbone.Known.ContainsKey(eval.Backbone))
            throw new ConfigException($"eval.backbone = '{eval.Backbone}': no such file (or name: {string.Join(", ", NsfwjsBackbone.Known.Keys)})");
    }

    /// <summary>The files a backbone's weights are read from, each with its length and last-write time: what a cache
    /// of its features (<see cref="ReferenceFeatureCache"/>) must match to be reused.</summary>
    internal static string Identity(string pathOrName)
    {
        IEnumerable<string> files = NsfwjsBackbone.Known.TryGetValue(pathOrName, out var known)
            ? Directory.GetFiles(PretrainedCache.Require(known.Model), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [Path.GetFullPath(pathOrName)];
        return string.Join('\n', files.Select(f => new FileInfo(f)).Select(f => $"{f.FullName}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
    }

    public static IFeatureBackbone Load(string pathOrName) =>
        NsfwjsBackbone.Known.ContainsKey(pathOrName) ? NsfwjsBackbone.Open(pathOrName)
        : pathOrName.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? new FidInceptionBackbone(FidInceptionV3.Load(pathOrName))
        : DomainBackbone.Load(pathOrName);
}
