using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SharpGan.Native;

/// <summary>
/// Prepares the process for TorchSharp: fixes libLibTorchSharp.so where this machine's libstdc++ is too old,
/// once per process, before anything touches <c>torch</c>.
/// </summary>
internal static class TorchRuntime
{
    /// <summary>The one symbol version libLibTorchSharp.so 0.107 needs that Debian 12's libstdc++ lacks.</summary>
    public const string MissingGlibcxxVersion = "GLIBCXX_3.4.32";
    const string NativeLibrary = "libLibTorchSharp.so";

    static readonly object Gate = new();
    static bool prepared;

    /// <summary>What <see cref="EnsureLoadable"/> did, for logs.</summary>
    public static IReadOnlyList<string> Log { get; private set; } = [];

    // The library's own module initializer: every entry point into SharpGan passes here before it can reach
    // TorchSharp's static constructor, which loads the native library and caches a failure for good.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => EnsureLoadable();

    /// <summary>Patches every copy of libLibTorchSharp.so the TorchSharp loader may pick, when this machine needs it.</summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (prepared) return;
            prepared = true;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            var log = new List<string>();
            if (SystemLibstdcxxHas(MissingGlibcxxVersion))
                log.Add($"libstdc++ provides {MissingGlibcxxVersion}: no patch needed");
            else
                foreach (var path in CandidateLibraries())
                    log.Add(PatchFile(path));
            Log = log;
        }
    }

    /// <summary>Patches one file in place (temp file + rename); leaves an already-fixed file untouched. The temp file
    /// is this call's own: two processes started at once from a fresh build both patch, and each rename puts the
    /// same bytes in place (a shared temp name made the later one fail).</summary>
    public static string PatchFile(string path)
    {
        var image = File.ReadAllBytes(path);
        var result = ElfVersionNeedPatch.Apply(image, MissingGlibcxxVersion);
        if (!result.Changed)
            return $"{path}: already loadable";
        var temp = $"{path}.{Guid.NewGuid():N}.sharpgan-tmp";
        File.WriteAllBytes(temp, image);
        File.Move(temp, path, overwrite: true);
        return $"{path}: marked {MissingGlibcxxVersion} weak, cleared version of {string.Join(", ", result.ClearedSymbols)}";
    }

    /// <summary>Where TorchSharp's loader looks first: beside TorchSharp.dll, and its runtimes/linux-x64/native folder.</summary>
    static IEnumerable<string> CandidateLibraries()
    {
        // typeof does not run torch's static constructor, so this is safe before the patch.
        var torchDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        var dirs = new[] { torchDir, AppContext.BaseDirectory }
            .Where(d => !string.IsNullOrEmpty(d))
            .SelectMany(d => new[] { d!, Path.Combine(d!, "runtimes", "linux-x64", "native"), Path.Combine(d!, "cpu") })
            .Distinct();
        return dirs.Select(d => Path.Combine(d, NativeLibrary)).Where(File.Exists);
    }

    /// <summary>Whether the libstdc++.so.6 the loader would find defines <paramref name="version"/>.</summary>
    public static bool SystemLibstdcxxHas(string version)
    {
        string[] dirs = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib", "/lib"];
        var library = dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        if (library is null) return false;
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }
}
