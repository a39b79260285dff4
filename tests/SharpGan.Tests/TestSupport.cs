using System.Runtime.CompilerServices;

// torch's default generator and thread pool are process-wide: tests that seed them must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace SharpGan.Tests;

static class TestSupport
{
    // Tests touch torch directly, sometimes before any SharpGan type: patch the native library first, and compute
    // with the heap the CLI sets up (NativeHeap) before the first tensor.
    [ModuleInitializer]
    internal static void PrepareTorch()
    {
        SharpGan.Native.TorchRuntime.EnsureLoadable();
        SharpGan.Native.NativeHeap.KeepFreedMemory();
    }

    // Evaluations cache real features per folder (ReferenceFeatureCache) and tests' folders are temporary: so is their cache.
    [ModuleInitializer]
    internal static void IsolateFeatureCache()
    {
        var folder = Directory.CreateTempSubdirectory("sharpgan-features-").FullName;
        Environment.SetEnvironmentVariable("SHARPGAN_FEATURE_CACHE", folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
    }
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

/// <summary>A copy of the tiny fixture (eight emoji flowers) to change files in.</summary>
static class TinyCopy
{
    public static string In(TempDir dir)
    {
        var folder = Directory.CreateDirectory(dir["tiny"]).FullName;
        foreach (var file in Directory.GetFiles(Repo.Fixture("tiny"))) File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        return folder;
    }
}

/// <summary>The built-in flowers in one folder per manifest subcategory (plant-flower, plant-other): real two-class data.</summary>
static class FlowerClasses
{
    public static string CopyTo(string folder)
    {
        foreach (var line in File.ReadAllLines(Repo.Path("data", "flowers", "manifest.csv")).Skip(1))
        {
            var fields = line.Split(',');
            Directory.CreateDirectory(System.IO.Path.Combine(folder, fields[3]));
            File.Copy(Repo.Path("data", "flowers", fields[0]), System.IO.Path.Combine(folder, fields[3], fields[0]));
        }
        return folder;
    }
}
