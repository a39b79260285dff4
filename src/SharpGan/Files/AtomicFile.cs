namespace SharpGan.Files;

/// <summary>Replaces a file only once its new content is complete, so a crash never leaves it half written.</summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
            file.Write(content);
        File.Move(temp, path, overwrite: true);
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));
}
