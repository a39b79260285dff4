using System.Globalization;
using System.Text;
using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Metrics;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>
/// A folder's features under a backbone, written for other tools (<c>sharpgan eval features</c>): exactly the tensors
/// the metrics compare, through the same <see cref="FeatureExtractor"/> (resize to the backbone's input, its own
/// normalisation), one row per image in the set's order. <c>.npy</c>: N × D float32; <c>.csv</c>: a header
/// (file, f0 … f(D−1)), then the image's path under the folder and its D values.
/// </summary>
public static class FeatureExport
{
    public static readonly IReadOnlyList<string> Formats = [".npy", ".csv"];

    /// <summary>The format <paramref name="path"/>'s extension names; checked before any work is done.</summary>
    /// <exception cref="ArgumentException">Neither .npy nor .csv.</exception>
    public static string CheckPath(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return Formats.Contains(extension) ? extension
            : throw new ArgumentException($"--out '{path}': the features are written as {string.Join(" or ", Formats)}, by the name's extension");
    }

    /// <returns>The features written (float64, as the metrics hold them; the file's float32 values are these exactly).</returns>
    public static FeatureSet Write(IFeatureBackbone backbone, ImageSet images, string folder, string path)
    {
        var extension = CheckPath(path);
        var set = FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images));
        if (extension == ".npy") NpyFile.WriteFloat32(path, set.Features);
        else AtomicFile.WriteText(path, Csv(set, images.Paths.Select(p => Path.GetRelativePath(folder, p)).ToList()));
        return set;
    }

    static string Csv(FeatureSet set, IReadOnlyList<string> files)
    {
        using var values = set.Features.to_type(TorchSharp.torch.ScalarType.Float32).contiguous();
        var flat = values.data<float>().ToArray();
        int columns = (int)set.Features.shape[1];
        var text = new StringBuilder("file");
        for (int j = 0; j < columns; j++) text.Append(",f").Append(j);
        text.Append('\n');
        for (int i = 0; i < files.Count; i++)
        {
            text.Append(CsvField.Quote(files[i]));
            // "R": the shortest text that reads back as the same float32.
            for (int j = 0; j < columns; j++) text.Append(',').Append(flat[i * columns + j].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }
}
