using System.Security.Cryptography;
using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Tests.Data;
using SkiaSharp;

namespace SharpGan.Tests.DataTools;

/// <summary><c>data prepare</c> on tests/fixtures/messy: every deliberately bad or odd file gets its verdict.</summary>
public class PrepareFolderTests(PrepareFolderTests.PreparedMessy prepared) : IClassFixture<PrepareFolderTests.PreparedMessy>
{
    /// <summary>One prepare run shared by the class; its output folder is removed afterwards.</summary>
    public sealed class PreparedMessy : IDisposable
    {
        public Dictionary<string, string> Before { get; } = Hashes(Repo.Fixture("messy"));
        public string Output { get; } = Directory.CreateTempSubdirectory("sharpgan-prepare-").FullName;
        public IReadOnlyList<PrepareEntry> Entries { get; }

        public PreparedMessy() => Entries = PrepareFolder.Run(Repo.Fixture("messy"), Output, new PrepareOptions(Size: 32));

        public void Dispose() => Directory.Delete(Output, recursive: true);
    }

    [Theory]
    [InlineData("truncated.png", "dropped", "truncated")]
    [InlineData("empty.png", "dropped", "empty file")]
    [InlineData("not-an-image.png", "dropped", "not a decodable image")]
    [InlineData("notes.txt", "dropped", "not an image file")]
    [InlineData("one-pixel.png", "dropped", "too small (1×1")]
    [InlineData("tulip.png", "dropped", "duplicate of tulip-copy.png")]
    [InlineData("tulip-copy.png", "converted", "RGBA → RGB")]
    [InlineData("cmyk.jpg", "converted", "CMYK → RGB")]
    [InlineData("sixteen-bit.png", "converted", "16-bit → 8-bit")]
    [InlineData("gray.png", "converted", "grayscale → RGB")]
    [InlineData("palette.png", "converted", "palette → RGB, transparency flattened")]
    [InlineData("animated.gif", "converted", "first of 3 frames")]
    [InlineData("classes/roses/rose.png", "converted", "RGBA → RGB")]
    [InlineData("classes/tulips/deep/tulip.png", "converted", "RGBA → RGB")]
    public void Every_messy_file_gets_the_right_verdict(string file, string verdict, string reason)
    {
        var entry = prepared.Entries.Single(e => e.Source == file);
        Assert.Equal(verdict, entry.Verdict);
        Assert.Contains(reason, entry.Reason);
    }

    [Fact]
    public void Outputs_are_8_bit_rgb_squares_in_the_same_class_folders_and_the_input_is_untouched()
    {
        var (entries, output, before) = (prepared.Entries, prepared.Output, prepared.Before);
        Assert.Equal(before, Hashes(Repo.Fixture("messy")));
        foreach (var e in entries.Where(e => e.Output is not null))
        {
            using var codec = SKCodec.Create(Path.Combine(output, e.Output!));
            Assert.Equal((32, 32), (codec.Info.Width, codec.Info.Height));
            var bytes = File.ReadAllBytes(Path.Combine(output, e.Output!));
            Assert.Equal((8, 2), (bytes[24], bytes[25]));   // PNG IHDR: 8-bit, colour type 2 = RGB
        }
        Assert.True(File.Exists(Path.Combine(output, "classes", "tulips", "deep", "tulip.png")));
        Assert.Contains("14 files: 0 kept, 8 converted, 6 dropped", File.ReadAllText(Path.Combine(output, PrepareFolder.SummaryFile)));
        Assert.Equal(15, File.ReadAllLines(Path.Combine(output, PrepareFolder.ReportFile)).Length);
        var (images, report) = ImageFolder.Load(new SharpGan.Config.DataConfig { Path = output }, 32);
        Assert.Equal((8, 0), (images.Count, report.Skipped.Count));   // the prepared folder trains as is
    }

    [Fact]
    public void One_thread_writes_the_same_files_and_report_as_every_core()
    {
        var single = Directory.CreateTempSubdirectory("sharpgan-prepare-1-").FullName;
        try
        {
            var entries = PrepareFolder.Run(Repo.Fixture("messy"), single, new PrepareOptions(Size: 32, Threads: 1));
            Assert.Equal(prepared.Entries, entries);
            Assert.Equal(Relative(Hashes(prepared.Output), prepared.Output), Relative(Hashes(single), single));
        }
        finally
        {
            Directory.Delete(single, recursive: true);
        }
    }

    [Fact]
    public void Files_that_cannot_be_read_are_dropped_with_the_reason_and_the_rest_is_prepared()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        foreach (var name in new[] { "google-rose.png", "google-tulip.png", "twitter-rose.png" })
            File.Copy(Repo.Fixture("tiny", name), dir[$"in/{name}"]);
        SpecialFiles.DanglingLink(dir["in/gone.png"]);
        SpecialFiles.Fifo(dir["in/x.png"]);
        // Root reads any file whatever its mode, so the refusal a user's account gets is played by the reader.
        byte[] Read(string file) => Path.GetFileName(file) == "twitter-rose.png"
            ? throw new UnauthorizedAccessException($"Access to the path '{file}' is denied.")
            : InputFile.ReadAllBytes(file);

        var entries = SpecialFiles.Within(() => PrepareFolder.Run(dir["in"], dir["out"], new PrepareOptions(Size: 32), Read));

        Assert.Equal(("dropped", "dangling symbolic link"), Verdict(entries, "gone.png"));
        Assert.Equal(("dropped", "not a regular file (FIFO)"), Verdict(entries, "x.png"));
        Assert.Equal(("dropped", "permission denied"), Verdict(entries, "twitter-rose.png"));
        Assert.Equal("converted", Verdict(entries, "google-rose.png").Verdict);
        Assert.Equal("converted", Verdict(entries, "google-tulip.png").Verdict);
        Assert.True(File.Exists(dir["out/google-rose.png"]) && File.Exists(dir["out/google-tulip.png"]));
        var report = File.ReadAllLines(dir["out/" + PrepareFolder.ReportFile]);
        Assert.Contains("x.png,dropped,not a regular file (FIFO),", report);
        Assert.Contains("gone.png,dropped,dangling symbolic link,", report);
        Assert.Contains("twitter-rose.png,dropped,permission denied,", report);
        Assert.Contains("dropped, unreadable: 3", File.ReadAllText(dir["out/" + PrepareFolder.SummaryFile]));
    }

    static (string Verdict, string Reason) Verdict(IEnumerable<PrepareEntry> entries, string source) =>
        entries.Single(e => e.Source == source) is var e ? (e.Verdict, e.Reason) : default;

    [Fact]
    public void Output_inside_the_input_is_refused()
    {
        var e = Assert.Throws<DataException>(() => PrepareFolder.Run(Repo.Fixture("messy"), Repo.Fixture("messy", "out"), new PrepareOptions()));
        Assert.Contains("outside", e.Message);
        Assert.False(Directory.Exists(Repo.Fixture("messy", "out")));
    }

    static Dictionary<string, string> Relative(Dictionary<string, string> hashes, string root) =>
        hashes.ToDictionary(p => Path.GetRelativePath(root, p.Key), p => p.Value);

    static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void A_run_stopped_midway_has_listed_every_picture_it_wrote_and_the_next_run_removes_them()
    {
        using var dir = new TempDir();
        var output = dir["prepared"];
        int reads = 0, files = Directory.GetFiles(Repo.Fixture("tiny")).Length;
        // Every file is read once to find duplicates, then again to be written: stop at the third picture's write.
        byte[] Read(string file) => Interlocked.Increment(ref reads) == files + 3 ? throw new OperationCanceledException() : InputFile.ReadAllBytes(file);

        Assert.ThrowsAny<Exception>(() => PrepareFolder.Run(Repo.Fixture("tiny"), output, new PrepareOptions(Size: 16, Threads: 1), Read));

        var written = Directory.GetFiles(output, "*.png").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        var listed = File.ReadLines(Path.Combine(output, PrepareFolder.ReportFile)).Skip(1).Select(l => l.Split(',')[^1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, written.Count);
        Assert.Equal(written, listed);

        Directory.CreateDirectory(dir["other"]);
        File.Copy(Repo.Fixture("tiny", "twitter-tulip.png"), dir["other/tulip.png"]);
        PrepareFolder.Run(dir["other"], output, new PrepareOptions(Size: 16));
        Assert.Equal(["tulip.png"], Directory.GetFiles(output, "*.png").Select(Path.GetFileName));
    }
}
