using SharpGan.Onnx;

namespace SharpGan.Export;

/// <summary>
/// Writes an ONNX file and its manifest into a folder, all or nothing: both go to temporary names first and are
/// renamed in together, so an export that fails leaves the folder as it was.
/// </summary>
internal static class ExportFolder
{
    public static (string Onnx, string Manifest) Write(string folder, string stem, byte[] model, ExportManifest manifest)
    {
        bool created = !Directory.Exists(folder);
        if (File.Exists(folder))
            throw new IOException($"--out {folder}: is a file, not a folder");
        Directory.CreateDirectory(folder);
        var onnx = Path.Combine(folder, stem + ".onnx");
        var json = Path.Combine(folder, stem + ".json");
        var (onnxTemp, jsonTemp) = (onnx + ".tmp", json + ".tmp");
        try
        {
            File.WriteAllBytes(onnxTemp, model);
            File.WriteAllText(jsonTemp, manifest.ToJson());
            File.Move(onnxTemp, onnx, overwrite: true);
            File.Move(jsonTemp, json, overwrite: true);
            return (onnx, json);
        }
        catch
        {
            File.Delete(onnxTemp);
            File.Delete(jsonTemp);
            if (created && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
            throw;
        }
    }
}
