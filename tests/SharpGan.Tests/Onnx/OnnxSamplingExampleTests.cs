using System.Text.Json;
using SkiaSharp;

namespace SharpGan.Tests.Onnx;

/// <summary>
/// examples/OnnxSampling, the plain console app a user would write: it builds on its own, its restore graph holds no
/// torch, and it samples an export into a grid PNG.
/// </summary>
public class OnnxSamplingExampleTests : IClassFixture<OnnxSamplingExampleTests.Built>
{
    /// <summary>The example built once for the class (a restore and a build: about 15 s on one core).</summary>
    public sealed class Built
    {
        public string Project { get; } = Repo.Path("examples", "OnnxSampling");
        public string Dll => Path.Combine(Project, "bin", "Debug", "net10.0", "OnnxSampling.dll");
        public (int Exit, string Output) Build { get; }

        public Built() => Build = ChildProcess.Run("dotnet", ["build", Project, "-m:1", "--nologo", "-v:q"]);
    }

    readonly Built example;

    public OnnxSamplingExampleTests(Built example)
    {
        this.example = example;
        Assert.True(example.Build.Exit == 0, example.Build.Output);
    }

    [Fact]
    public void Its_restore_graph_holds_no_torch()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(example.Project, "obj", "project.assets.json")));
        var packages = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();

        Assert.Contains("Microsoft.ML.OnnxRuntime", packages);
        Assert.Contains("SkiaSharp", packages);
        Assert.DoesNotContain(packages, p => p.Contains("torch", StringComparison.OrdinalIgnoreCase) || p.StartsWith("SharpGan", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("dcgan")]
    [InlineData("acgan")]
    public void It_writes_a_grid_of_the_size_sharpgan_would(string kind)
    {
        using var dir = new TempDir();
        var export = (kind == "acgan" ? ContractGraph.Acgan : ContractGraph.Dcgan).WriteTo(dir["export"]);

        var (exit, output) = ChildProcess.Run("dotnet", [example.Dll, export, "10", dir["grid.png"]]);

        Assert.True(exit == 0, output);
        using var grid = SKBitmap.Decode(dir["grid.png"]);
        Assert.Equal((4 * 8 + 5 * 2, 3 * 8 + 4 * 2), (grid.Width, grid.Height));   // ⌈√10⌉ = 4 columns, 3 rows, 2 px gaps
        Assert.NotEqual(grid.GetPixel(0, 0), grid.GetPixel(2 + 3, 2 + 3));       // a gap, then a generated pixel
    }

    [Fact]
    public void It_samples_a_real_export_of_a_trained_acgan_a_class_per_row()
    {
        using var dir = new TempDir();
        SharpGan.Export.GeneratorExport.Write(Export.GeneratorExportTests.Trained("acgan-classes", dir), dir["export"]);

        var (exit, output) = ChildProcess.Run("dotnet", [example.Dll, dir["export"], "4", dir["grid.png"]]);

        Assert.True(exit == 0, output);
        using var grid = SKBitmap.Decode(dir["grid.png"]);
        Assert.Equal((2 * 32 + 3 * 2, 2 * 32 + 3 * 2), (grid.Width, grid.Height));
    }

    [Fact]
    public void An_export_that_needs_masks_is_refused()
    {
        using var dir = new TempDir();
        var export = ContractGraph.MaskConditioned.WriteTo(dir["export"]);

        var (exit, output) = ChildProcess.Run("dotnet", [example.Dll, export, "4", dir["grid.png"]]);

        Assert.Equal(1, exit);
        Assert.Contains("this generator needs 'mask' (masks or pictures); this example draws from noise alone", output);
        Assert.False(File.Exists(dir["grid.png"]));
    }
}
