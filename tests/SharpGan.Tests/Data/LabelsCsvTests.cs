using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Tests.Training;
using SharpGan.Training;

namespace SharpGan.Tests.Data;

public class LabelsCsvTests
{
    const string Root = "/data/flowers";
    static readonly string[] Paths = new[] { "a.png", "b.png", "sub/c.png" }.Select(p => Path.Combine(Root, p)).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_give_sorted_classes_with_or_without_a_header(bool header)
    {
        string[] rows = ["a.png,rose", "./sub/c.png,daisy", "b.png,rose"];
        var (classes, labels) = LabelsCsv.Labels("labels.csv", header ? ["file,label", .. rows] : rows, Root, Paths, allowUnlabelled: false);
        Assert.Equal(["daisy", "rose"], classes);
        Assert.Equal([1, 1, 0], labels);
    }

    [Fact]
    public void A_row_naming_a_missing_file_is_refused_by_line()
    {
        var e = Assert.Throws<DataException>(() => LabelsCsv.Labels("labels.csv",
            ["file,label", "a.png,rose", "b.png,rose", "", "gone.png,daisy"], Root, Paths, allowUnlabelled: true));
        Assert.Contains("labels.csv line 5: 'gone.png'", e.Message);
    }

    [Fact]
    public void Unlabelled_images_are_minus_one_where_allowed_and_named_otherwise()
    {
        string[] rows = ["a.png,rose", "b.png,daisy"];
        Assert.Equal([1, 0, -1], LabelsCsv.Labels("labels.csv", rows, Root, Paths, allowUnlabelled: true).Labels);
        var e = Assert.Throws<DataException>(() => LabelsCsv.Labels("labels.csv", rows, Root, Paths, allowUnlabelled: false));
        Assert.Contains("no row for 1 image(s), e.g. sub/c.png", e.Message.Replace('\\', '/'));
    }

    [Fact]
    public void Quoted_file_names_and_a_second_row_for_one_image()
    {
        var paths = new[] { Path.Combine(Root, "x, y.png"), Path.Combine(Root, "z.png") };
        Assert.Equal([0, 1], LabelsCsv.Labels("l.csv", ["\"x, y.png\",a", "z.png,b"], Root, paths, false).Labels);
        var e = Assert.Throws<DataException>(() => LabelsCsv.Labels("l.csv", ["z.png,a", "z.png,b"], Root, paths, true));
        Assert.Contains("l.csv line 2: 'z.png' already has a row (line 1)", e.Message);
        e = Assert.Throws<DataException>(() => LabelsCsv.Labels("l.csv", ["z.png,a,b"], Root, paths, true));
        Assert.Equal("l.csv line 1: expected 2 fields (the file, then its label or its tags), found 3", e.Message);
    }

    [Fact]
    public void An_acgan_run_takes_its_classes_from_the_csv()
    {
        using var dir = new TempDir();
        var tiny = Repo.Fixture("tiny");
        var rows = Directory.GetFiles(tiny, "*.png").Select(Path.GetFileName).Select(f => $"{f},{f!.Split('-')[0]}");
        File.WriteAllLines(dir["labels.csv"], ["file,label", .. rows]);
        var config = TinyRun.Config(dir["run"], epochs: 1) with
        {
            Data = new DataConfig { Path = tiny, Labels = "csv", LabelsFile = dir["labels.csv"] },
            Model = TinyRun.Config(dir["run"]).Model with { Conditioning = "acgan" },
        };
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) Assert.Equal(TrainOutcome.Completed, trainer.Run());
        Assert.Equal(["google", "twitter"], Checkpoint.Read(Path.Combine(dir["run"], "checkpoints", "last.ckpt")).Config.Model.Classes);
    }
}
