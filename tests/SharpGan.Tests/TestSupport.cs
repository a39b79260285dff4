using System.Runtime.CompilerServices;

// torch's default generator and thread pool are process-wide: tests that seed them must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SharpGan.Tests;

static class TestSupport
{
    // Tests touch torch directly, sometimes before any SharpGan type: patch the native library first.
    [ModuleInitializer]
    internal static void PrepareTorch() => SharpGan.Native.TorchRuntime.EnsureLoadable();
}

/// <summary>Paths into the repository, found from the test binaries by walking up to the solution file.</summary>
static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Fixture(params string[] parts) => Path(["tests", "fixtures", .. parts]);

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "SharpGan.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder removed when the test ends.</summary>
sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sharpgan-test-").FullName;

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
