using SharpGan.Native;
using TorchSharp;

namespace SharpGan.Tests.Native;

public class TorchRuntimeTests
{
    [Fact]
    public void Torch_loads_and_computes()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = a.matmul(b);
        Assert.Equal(new long[] { 2, 4 }, c.shape);
        Assert.Equal(3f, c[1, 2].item<float>());
    }

    [Fact]
    public void Patch_marks_the_missing_version_weak_once_and_only_once()
    {
        var pristine = PristineLibrary();
        var image = File.ReadAllBytes(pristine);

        var first = ElfVersionNeedPatch.Apply(image, TorchRuntime.MissingGlibcxxVersion);
        var second = ElfVersionNeedPatch.Apply(image, TorchRuntime.MissingGlibcxxVersion);

        Assert.True(first.VersionNeeded);
        Assert.True(first.Changed);
        Assert.Equal(["_ZSt21ios_base_library_initv"], first.ClearedSymbols);
        Assert.True(second.VersionNeeded);
        Assert.False(second.Changed);
    }

    [Fact]
    public async Task Patches_of_one_fresh_library_at_once_all_succeed_and_leave_it_patched()
    {
        // Two `sharpgan` commands started together from a fresh build both find the library unpatched.
        using var dir = new TempDir();
        var library = dir["libLibTorchSharp.so"];
        File.Copy(PristineLibrary(), library);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => TorchRuntime.PatchFile(library))));
        Assert.All(results, r => Assert.Contains(library, r));
        Assert.False(ElfVersionNeedPatch.Apply(File.ReadAllBytes(library), TorchRuntime.MissingGlibcxxVersion).Changed);
        Assert.Equal([library], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Patch_leaves_a_library_without_that_need_alone()
    {
        var image = File.ReadAllBytes(PristineLibrary());
        var result = ElfVersionNeedPatch.Apply(image, "GLIBCXX_99.0");
        Assert.False(result.VersionNeeded);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Patch_rejects_bytes_that_are_not_elf()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatch.Apply(new byte[128], "GLIBCXX_3.4.32"));
    }

    /// <summary>The unpatched library as NuGet restored it (the build output's copy is already patched).</summary>
    static string PristineLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = System.IO.Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"restored TorchSharp native library not found at {path}");
        return path;
    }
}
