using System.Text.Json;
using System.Text.Json.Serialization;

namespace SharpGan.Onnx;

/// <summary>
/// What <c>sharpgan export</c> writes beside an ONNX file (<c>generator.json</c>, <c>segmenter.json</c>,
/// <c>backbone.json</c>): every input and output with its meaning, shape and range, and where the network came from.
/// It is all a user of the ONNX file needs; nothing in it refers to SharpGan's own types.
/// </summary>
/// <param name="Format">The manifest's own version (<see cref="CurrentFormat"/>).</param>
/// <param name="What"><c>generator</c>, <c>segmenter</c> or <c>backbone</c>.</param>
/// <param name="Onnx">The ONNX file's name, beside the manifest.</param>
/// <param name="Opset">The ONNX default-domain opset the graph imports.</param>
/// <param name="Kind">The run's <c>model.conditioning</c> (none, acgan, semi-supervised, mask, pix2pix); empty for a segmenter or backbone.</param>
/// <param name="Architecture">The run's <c>model.architecture</c>; <c>unet</c> for a segmenter, the backbone's name for a backbone.</param>
/// <param name="ImageSize">The side of the pictures in and out.</param>
/// <param name="Classes">An ACGAN's classes in the order of its one-hot code (or its tags, in the order of the multi-hot code).</param>
/// <param name="MultiLabel">True when <see cref="Classes"/> are tags that combine (a multi-hot code).</param>
/// <param name="TagGroups">Tags that exclude each other (at most one of a group at a time).</param>
/// <param name="Noise">How SharpGan draws the noise inputs for a seed, so a seed gives the same picture in any runtime.</param>
/// <param name="Ema">True when the weights are the run's exponential moving average of G.</param>
/// <param name="Epoch">The epoch the checkpoint was written after.</param>
/// <param name="Checkpoint">The checkpoint's file name in the run (<c>last.ckpt</c>, <c>best.ckpt</c>, …).</param>
/// <param name="ConfigSha256">SHA-256 of the run's config.json as the checkpoint holds it.</param>
public sealed record ExportManifest(
    int Format,
    string What,
    string Onnx,
    int Opset,
    string Kind,
    string Architecture,
    int ImageSize,
    IReadOnlyList<ManifestTensor> Inputs,
    IReadOnlyList<ManifestTensor> Outputs,
    IReadOnlyList<string> Classes,
    bool MultiLabel,
    IReadOnlyList<ManifestTagGroup> TagGroups,
    string Noise,
    bool Ema,
    int Epoch,
    string Checkpoint,
    string ConfigSha256)
{
    public const int CurrentFormat = 1;

    /// <summary>How noise is drawn for a seed: torch's CPU generator (MT19937) and its normal fill (Box–Muller on
    /// pairs of 24-bit uniforms, eight apart in blocks of 16), one stream per seed, batches in turn.</summary>
    public const string TorchCpuNoise = "torch-cpu-mt19937";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Quotes and non-ASCII as they are: the file is read by people too.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The input of that name, or null.</summary>
    public ManifestTensor? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">Not a manifest of a format this library reads; the message names the file.</exception>
    public static ExportManifest Read(string path)
    {
        ExportManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an export manifest ({JsonProblem.Describe(e)})");
        }
        if (manifest is null || manifest.Inputs is null || manifest.Outputs is null || manifest.Onnx is null)
            throw new InvalidDataException($"{path}: not an export manifest (inputs, outputs or onnx missing)");
        // The graph lies beside the manifest: a name that reaches elsewhere would open any file the user can read.
        if (manifest.Onnx != Path.GetFileName(manifest.Onnx) || manifest.Onnx is "" or "." or "..")
            throw new InvalidDataException($"{path}: onnx '{manifest.Onnx}' must name a file beside the manifest");
        if (manifest.Format != CurrentFormat)
            throw new InvalidDataException($"{path}: manifest format {manifest.Format}; this version reads format {CurrentFormat}");
        return manifest;
    }
}

/// <summary>
/// One input or output of an exported graph.
/// </summary>
/// <param name="Name">The graph's name for it: noise, code, mask, picture, dropout_0…, image, logits, features.</param>
/// <param name="Shape">Its shape, −1 where the size is the batch (dynamic).</param>
/// <param name="Meaning">What it is, in words.</param>
/// <param name="Min">The least value it takes (or should be given), when bounded.</param>
/// <param name="Max">The greatest value, when bounded.</param>
/// <param name="Probability">For a dropout input: the probability p of dropping; give 0 or 1/(1−p) per element (ones: dropout's mean).</param>
public sealed record ManifestTensor(string Name, IReadOnlyList<long> Shape, string Meaning, double? Min = null, double? Max = null, double? Probability = null);

/// <summary>Tags of which at most one applies at a time (hair colours).</summary>
public sealed record ManifestTagGroup(string Name, IReadOnlyList<string> Tags);
