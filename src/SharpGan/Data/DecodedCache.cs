using System.Security.Cryptography;
using System.Text;
using SharpGan.Config;

namespace SharpGan.Data;

/// <summary>
/// Where decoded caches live and which one a load may use. One file per data folder and decoding options (named by a
/// hash of them, so a changed folder replaces its cache rather than leaving the old one behind), holding the
/// fingerprint of the folder's state: every file's relative path, length and last-write time. A file touched, added or
/// removed changes the fingerprint, and the cache is built again.
/// </summary>
internal sealed class DecodedCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary><c>$XDG_CACHE_HOME/sharpgan/decoded</c> (<c>~/.cache/sharpgan/decoded</c>), or <c>$SHARPGAN_DECODED_CACHE</c>.</summary>
    public static DecodedCache Default => new(UserCache.Folder("decoded", "SHARPGAN_DECODED_CACHE"));

    /// <summary>The cache file for <paramref name="data"/>'s folder decoded at <paramref name="size"/> px.</summary>
    public string FileFor(DataConfig data, int size) =>
        Path.Combine(Directory, $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Options(data, size))))[..16]}.sgcache");

    /// <summary>Everything but the files that <see cref="ImageFolder.Load"/>'s pictures depend on. data.strict is not
    /// among them: it only decides whether skipped files stop the load, which a reused cache's report still says.</summary>
    static string Options(DataConfig data, int size) =>
        $"{Path.TrimEndingDirectorySeparator(Path.GetFullPath(data.Path))} | {size} px | resize {data.Resize} | background {data.Background.ToLowerInvariant()} | masks {data.Masks}";

    /// <summary>A SHA-256 of the options, the cache format, the decoder's version and every file's relative path,
    /// length and last-write time (the files as <see cref="ImageFolder.Load"/> found them, mask files included).</summary>
    public static byte[] Fingerprint(DataConfig data, int size, IReadOnlyList<string> files)
    {
        var text = new StringBuilder($"{Options(data, size)} | format {DecodedCacheFile.Version} | SkiaSharp {typeof(SkiaSharp.SKBitmap).Assembly.GetName().Version}\n");
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            text.Append(Path.GetRelativePath(data.Path, file)).Append('\t').Append(info.Length).Append('\t')
                .Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
