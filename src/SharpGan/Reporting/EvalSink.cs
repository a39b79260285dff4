using System.Globalization;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>
/// eval.csv and eval.png: every <c>eval.every</c> epochs, <c>eval.samples</c> generated images against the real set under the
/// configured backbone (the real features are extracted once). A row per evaluated epoch; a resumed run replaces
/// rows of epochs it trains again. The epoch with the lowest Fréchet distance so far is kept as
/// <c>checkpoints/best.ckpt</c> (<c>sample --best</c>), so a run that declines late still leaves its best model.
/// </summary>
public sealed class EvalSink : ITrainingSink, IDisposable
{
    readonly EvalConfig eval;

    /// <summary>Opens the backbone here, before the session touches the run folder: a backbone that does not load
    /// must fail a run before <c>--overwrite</c> clears the old one or a fresh run writes its first file.</summary>
    /// <exception cref="ConfigException">eval.backbone names neither a file nor a known backbone, or eval.real no folder.</exception>
    public EvalSink(EvalConfig eval)
    {
        Backbones.Check(eval);
        if (eval.Real.Length > 0 && !Directory.Exists(eval.Real))
            throw new ConfigException($"eval.real = '{eval.Real}': no such folder");
        this.eval = eval;
        backbone = Backbones.Load(eval.Backbone);
    }

    public const string FileName = "eval.csv";
    const string Header = "epoch,backbone,image_size,real,generated,frechet_distance,kid_mean,kid_std,precision,recall,inception_score,floor_frechet_distance,frechet_distance_at_floor_counts";

    readonly IFeatureBackbone backbone;
    FeatureSet? real;
    string path = "", bestPath = "";
    int imageSize;
    double bestDistance = double.PositiveInfinity;

    public static readonly IReadOnlyList<string> Files = [FileName, Path.ChangeExtension(FileName, ".png"), Path.Combine(RunCheckpoints.Folder, RunCheckpoints.BestFile)];

    public IReadOnlyList<string> Outputs => Files;

    public void OnStart(RunInfo run)
    {
        path = Path.Combine(run.Directory, FileName);
        bestPath = RunCheckpoints.BestOf(run.Directory);
        // A resumed run competes with the rows its earlier lives measured (a retrained epoch measures the same under
        // train.deterministic, so it is not saved twice); without a best.ckpt there is nothing to compete with.
        if (File.Exists(path) && File.Exists(bestPath))
            bestDistance = File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
                .Select(f => double.Parse(f[5], CultureInfo.InvariantCulture)).DefaultIfEmpty(double.PositiveInfinity).Min();
        imageSize = run.Config.Model.ImageSize;
        var folder = eval.Real.Length > 0 ? eval.Real : run.Config.Data.Path;
        var (images, _) = ImageFolder.Load(run.Config.Data with { Path = folder }, imageSize);
        real ??= FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images));
    }

    public void OnEpoch(EpochReport report)
    {
        if (eval.Every == 0 || report.Stats.Epoch % eval.Every != 0 || report.Samples is null) return;
        var fake = FeatureExtractor.Extract(backbone, report.Samples.Batches(eval.Samples, seed: 0));
        var r = Evaluation.Compare(backbone, real!, fake, imageSize, new EvalOptions(KidSubsets: 50));
        fake.Features.Dispose();
        fake.Probabilities?.Dispose();
        var row = string.Join(',', new object[]
        {
            report.Stats.Epoch, r.Backbone, r.ImageSize, r.RealCount, r.FakeCount, r.FrechetDistance, r.Kid.Mean, r.Kid.Std,
            r.Precision, r.Recall, r.InceptionScore?.Mean ?? double.NaN, r.FloorFrechetDistance, r.FrechetDistanceAtFloorCounts,
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        var rows = File.Exists(path)
            ? File.ReadAllLines(path).Skip(1).Where(l => !l.StartsWith($"{report.Stats.Epoch},", StringComparison.Ordinal)).ToList()
            : [];
        rows.Add(row);
        var ordered = rows.OrderBy(l => int.Parse(l.Split(',', 2)[0], CultureInfo.InvariantCulture)).ToList();
        AtomicFile.WriteText(path, string.Join('\n', ordered.Prepend(Header)) + "\n");
        AtomicFile.Write(Path.ChangeExtension(path, ".png"), Plot(ordered.Select(l => l.Split(',')).ToList(), r.DistanceName));
        if (r.FrechetDistance < bestDistance && report.Checkpoints is { } checkpoints)
        {
            bestDistance = r.FrechetDistance;
            Directory.CreateDirectory(Path.GetDirectoryName(bestPath)!);
            checkpoints.SaveCheckpointAs(bestPath);
        }
    }

    /// <summary>eval.png: the Fréchet distance per evaluated epoch, and at the floor's counts beside the real-vs-real floor.</summary>
    static byte[] Plot(IReadOnlyList<string[]> rows, string distanceName)
    {
        double Field(string[] row, int i) => double.Parse(row[i], CultureInfo.InvariantCulture);
        var epochs = rows.Select(r => Field(r, 0)).ToArray();
        var plot = new ScottPlot.Plot();
        var distance = plot.Add.Scatter(epochs, rows.Select(r => Field(r, 5)).ToArray());
        distance.LegendText = distanceName;
        // Rows written before the like-for-like distance was kept (a run resumed since) have no point on its line.
        var measured = rows.Where(r => r.Length > 12).ToList();
        var atFloorCounts = plot.Add.Scatter(measured.Select(r => Field(r, 0)).ToArray(), measured.Select(r => Field(r, 12)).ToArray());
        atFloorCounts.LegendText = $"{distanceName} at the floor's counts";
        var floor = plot.Add.Scatter(epochs, rows.Select(r => Field(r, 11)).ToArray());
        floor.LegendText = "real vs real floor (two halves of the real set)";
        floor.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "Fréchet distance";
        plot.Title("Generated vs real during training");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return PlotPng.Render(plot, 900, 450);
    }

    public void Dispose()
    {
        backbone.Dispose();
        real?.Features.Dispose();
        real?.Probabilities?.Dispose();
    }
}
