using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Tests.Training;
using SharpGan.Training;

namespace SharpGan.Tests.Data;

/// <summary>Class labels from a CSV, on the 8 fixture flowers labelled by vendor (google, twitter).</summary>
public class ClassesCsvTests
{
    static readonly string Tiny = Repo.Fixture("tiny");
    static string[] Paths => Directory.GetFiles(Tiny, "*.png").Order(StringComparer.Ordinal).ToArray();

    static string Write(TempDir dir, params string[] lines)
    {
        File.WriteAllLines(dir["labels.csv"], lines);
        return dir["labels.csv"];
    }

    static string[] VendorRows(bool header) =>
        [.. header ? ["file,label"] : Array.Empty<string>(), .. Paths.Select(p => $"{Path.GetFileName(p)},{Path.GetFileName(p).Split('-')[0]}")];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_give_sorted_classes_with_or_without_a_header(bool header)
    {
        using var dir = new TempDir();
        var (classes, labels) = ClassesCsv.Labels(Write(dir, VendorRows(header)), Tiny, Paths, allowUnlabelled: false);
        Assert.Equal(["google", "twitter"], classes);
        Assert.Equal(Paths.Select(p => Path.GetFileName(p).StartsWith("google") ? 0 : 1), labels);
    }

    [Fact]
    public void Bad_rows_are_named_by_line_and_unlabelled_images_only_pass_where_allowed()
    {
        using var dir = new TempDir();
        var unknown = Assert.Throws<DataException>(() => ClassesCsv.Labels(Write(dir, "file,label", "nope.png,google"), Tiny, Paths, true));
        Assert.Contains("labels.csv:2", unknown.Message);
        Assert.Contains("nope.png", unknown.Message);
        var twice = Assert.Throws<DataException>(() => ClassesCsv.Labels(Write(dir, [.. VendorRows(false), VendorRows(false)[0]]), Tiny, Paths, true));
        Assert.Contains("labelled twice", twice.Message);

        var partial = Write(dir, [.. VendorRows(false).Take(2), .. VendorRows(false).Skip(6)]);
        var missing = Assert.Throws<DataException>(() => ClassesCsv.Labels(partial, Tiny, Paths, allowUnlabelled: false));
        Assert.Contains("4 of 8 images have no label row", missing.Message);
        var (_, labels) = ClassesCsv.Labels(partial, Tiny, Paths, allowUnlabelled: true);
        Assert.Equal(4, labels.Count(l => l == -1));
    }

    [Fact]
    public void An_acgan_run_takes_its_classes_from_the_csv()
    {
        using var dir = new TempDir();
        var csv = Write(dir, VendorRows(true));
        var config = TinyRun.Config(dir["run"], epochs: 1) with
        {
            Data = new DataConfig { Path = Tiny, Labels = "csv", LabelsFile = csv },
            Model = TinyRun.Config(dir["run"]).Model with { Conditioning = "acgan" },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        Assert.Equal(["google", "twitter"], Checkpoint.Read(Path.Combine(dir["run"], "checkpoints", "last.ckpt")).Config.Model.Classes);
    }
}
