using SharpGan.Onnx;

namespace SharpGan.Tests.Cli;

/// <summary><c>sharpgan export</c>: a run's generator to ONNX, and every way it can be given the wrong thing.</summary>
public class ExportCommandTests(ExportCommandTests.Run run) : IClassFixture<ExportCommandTests.Run>
{
    /// <summary>A one-epoch run of the tiny flowers, shared by the class.</summary>
    public sealed class Run : IDisposable
    {
        readonly TempDir dir = new();
        public string Folder => dir["run"];

        public Run() => Assert.Equal(0, CliOutput.Run(["train", "--data", Repo.Fixture("tiny"), "--out", Folder, "--size", "32", "--epochs", "1",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "output.tensor_board=false", "--set", "output.gif=false"]).Result.Exit);

        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public async Task A_run_exports_its_generator_and_manifest()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("export", run.Folder, "--out", dir["export"]);
        Assert.Equal(0, exit);
        Assert.Contains("inputs: noise [batch×100×1×1]; outputs: image [batch×3×32×32]", text);
        Assert.Equal(["generator.json", "generator.onnx"], Directory.GetFiles(dir["export"]).Select(Path.GetFileName).Order());
        var manifest = ExportManifest.Read(dir["export/generator.json"]);
        Assert.Equal(("generator", "none", "dcgan", 32, 1), (manifest.What, manifest.Kind, manifest.Architecture, manifest.ImageSize, manifest.Epoch));
    }

    public static TheoryData<string, string> Broken() => new()
    {
        { "not-a-run", "" },
        { "no-checkpoint", "" },
        { "damaged", "" },
        { "best-missing", "--best" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_source_it_cannot_export_gets_one_line_and_the_folder_is_left_as_it_was(string what, string flag)
    {
        using var dir = new TempDir();
        string source = what switch
        {
            "not-a-run" => Directory.CreateDirectory(dir["empty"]).FullName,
            "no-checkpoint" => CopyRun(dir["copy"], withCheckpoints: false),
            "damaged" => Damage(CopyRun(dir["copy"], withCheckpoints: true)),
            _ => run.Folder,
        };
        File.WriteAllText(Directory.CreateDirectory(dir["export"]).FullName + "/generator.json", "earlier");

        // --overwrite: an earlier export may be replaced, but only by one that succeeds.
        var (exit, text) = await CliOutput.Run(["export", source, "--out", dir["export"], "--overwrite", .. flag.Length > 0 ? new[] { flag } : []]);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + what switch
        {
            "not-a-run" => $"'{source}' is not a SharpGan run: it has no config.json and no checkpoints/",
            "no-checkpoint" => $"'{source}' holds no checkpoint",
            "damaged" => $"checkpoint '{Path.Combine(source, "checkpoints", "last.ckpt")}' is damaged",
            _ => $"'{source}' has no best checkpoint",
        }, text);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", text);
        Assert.Equal(["generator.json"], Directory.GetFiles(dir["export"]).Select(Path.GetFileName));
        Assert.Equal("earlier", File.ReadAllText(dir["export/generator.json"]));
    }

    [Fact]
    public async Task An_unknown_what_is_named()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("export", run.Folder, "--out", dir["export"], "--what", "discriminator");
        Assert.Equal(2, exit);
        Assert.Contains("error: --what discriminator: allowed generator, segmenter, backbone", text);
        Assert.False(Directory.Exists(dir["export"]));
    }

    string CopyRun(string to, bool withCheckpoints)
    {
        Directory.CreateDirectory(Path.Combine(to, "checkpoints"));
        File.Copy(Path.Combine(run.Folder, "config.json"), Path.Combine(to, "config.json"));
        if (withCheckpoints)
            foreach (var file in Directory.GetFiles(Path.Combine(run.Folder, "checkpoints")))
                File.Copy(file, Path.Combine(to, "checkpoints", Path.GetFileName(file)));
        return to;
    }

    /// <summary>Every checkpoint of the run cut in half: nothing intact to fall back to.</summary>
    static string Damage(string runFolder)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(runFolder, "checkpoints")))
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        }
        return runFolder;
    }
}
