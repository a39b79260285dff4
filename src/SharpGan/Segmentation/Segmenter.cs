using System.Globalization;
using System.Text.Json;
using SharpGan.Models;
using SharpGan.Pretrained;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Segmentation;

/// <summary>
/// A trained object segmenter: a <see cref="UNet"/> with one output channel and the image size it was trained at.
/// One safetensors file holds its weights, and in the metadata its U-Net config, size and how it was trained.
/// </summary>
public sealed class Segmenter : IDisposable
{
    const string Format = "sharpgan-segmenter/1";

    /// <summary>The file's name in the folder <c>segment train</c> writes.</summary>
    public const string FileName = "segmenter.safetensors";

    internal UNet Network { get; }
    public int ImageSize { get; }
    /// <summary>Free-form facts saved with the weights (training options, held-out IoU); empty when none.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    public UNetConfig Config => Network.Config;

    internal Segmenter(UNet network, int imageSize, IReadOnlyDictionary<string, string>? provenance = null)
    {
        if (network.Config.OutChannels != 1)
            throw new ArgumentException($"a segmenter's U-Net has one output channel, this one has {network.Config.OutChannels}");
        network.Config.CheckInput(imageSize, imageSize);
        Network = network;
        ImageSize = imageSize;
        Provenance = provenance ?? new Dictionary<string, string>();
    }

    /// <summary>
    /// Object probabilities B×1×H×W for images in [-1, 1] (B×3×H×W), in eval mode without autograd. Images of
    /// another size are resized bilinearly to <see cref="ImageSize"/> and the probabilities back to H×W, so a model
    /// trained at 64 px judges 32-px samples.
    /// </summary>
    public Tensor Predict(Tensor images)
    {
        Network.eval();
        using var _ = no_grad();
        long height = images.shape[2], width = images.shape[3];
        bool resize = height != ImageSize || width != ImageSize;
        var input = resize ? Resize(images, ImageSize, ImageSize) : images;
        var probabilities = Network.forward(input).sigmoid();
        return resize ? Resize(probabilities, height, width) : probabilities;
    }

    static Tensor Resize(Tensor x, long height, long width) =>
        F.interpolate(x, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var metadata = new Dictionary<string, string>(Provenance)
        {
            ["format"] = Format,
            ["unet"] = JsonSerializer.Serialize(Config),
            ["image_size"] = ImageSize.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensors.Write(path, Network.state_dict(), metadata);
    }

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a SharpGan segmenter, or its weights do not fit its config; the message names it.</exception>
    /// <param name="path">The segmenter file, or the folder <c>segment train</c> wrote it into.</param>
    public static Segmenter Load(string path)
    {
        if (Directory.Exists(path))
            path = File.Exists(Path.Combine(path, FileName)) ? Path.Combine(path, FileName)
                : throw new FileNotFoundException($"'{path}' holds no {FileName}; train one with: sharpgan segment train --data DIR --out DIR", path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"segmenter '{path}' does not exist; train one with: sharpgan segment train --data DIR --out DIR", path);
        var metadata = SafeTensors.ReadMetadata(path);
        if (!metadata.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"'{path}' is not a SharpGan segmenter (metadata format {(format is null ? "missing" : $"'{format}'")}, expected '{Format}')");
        UNetConfig config;
        int imageSize;
        try
        {
            config = JsonSerializer.Deserialize<UNetConfig>(metadata["unet"]) ?? throw new JsonException("null");
            imageSize = int.Parse(metadata["image_size"], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"'{path}': its segmenter metadata is malformed ({e.Message})", e);
        }
        UNet network;
        try
        {
            config.Validate();
            config.CheckInput(imageSize, imageSize);
            network = new UNet(config);
        }
        catch (ArgumentException e) { throw new InvalidDataException($"'{path}': {e.Message}", e); }
        var tensors = SafeTensors.Read(path);
        try
        {
            // A safetensors file carries no checksum: flipped bytes in its weights would segment into NaN, exit 0.
            if (tensors.FirstOrDefault(t => t.Value.is_floating_point() && !t.Value.isfinite().all().item<bool>()) is { Key: { } damaged })
                throw new InvalidDataException($"'{path}' is damaged: its weights '{damaged}' hold NaN or infinity");
            StateLoader.Load(network, tensors, path);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        var provenance = metadata.Where(m => m.Key is not ("format" or "unet" or "image_size")).ToDictionary(m => m.Key, m => m.Value);
        return new Segmenter(network, imageSize, provenance);
    }

    public void Dispose() => Network.Dispose();
}
