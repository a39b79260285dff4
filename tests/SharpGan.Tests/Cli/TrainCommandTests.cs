using ImageMagick;
using SharpGan.Cli;
using SharpGan.Reporting;
using SkiaSharp;

namespace SharpGan.Tests.Cli;

public class TrainCommandTests
{
    [Fact]
    public async Task Train_on_a_tiny_set_writes_everything_a_person_looks_at()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        int exit = await SharpGanCli.Build().Parse([
            "train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "3", "--size", "32", "--seed", "3",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "train.sample_count=9",
            "--set", "train.checkpoint_every=2",
        ]).InvokeAsync();
        Assert.Equal(0, exit);

        for (int epoch = 1; epoch <= 3; epoch++)
        {
            using var grid = SKBitmap.Decode(Path.Combine(run, "samples", SampleGridSink.FileName(epoch)));
            Assert.Equal((3 * 32 + 4 * 2, 3 * 32 + 4 * 2), (grid.Width, grid.Height));   // 3×3 grid with 2 px gaps
        }
        var csv = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal(MetricsCsvSink.Header, csv[0]);
        Assert.Equal(["1", "2", "3"], csv.Skip(1).Select(l => l.Split(',')[0]));
        using (var plot = SKBitmap.Decode(Path.Combine(run, "loss.png")))
            Assert.True(plot.Width > 100);
        using (var gif = new MagickImageCollection(Path.Combine(run, "training.gif")))
            Assert.Equal(3, gif.Count);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(run, "tensorboard"), "events.out.tfevents.*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "last.ckpt")));
        Assert.True(File.Exists(Path.Combine(run, "config.json")));
    }

    [Fact]
    public async Task Minutes_ends_a_run_on_its_time_budget_and_a_resume_may_extend_it()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        string[] tiny = ["--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "output.gif=false", "--set", "output.tensor_board=false"];
        // A budget far below one step's time: the first step spends it, and its epoch closes the run.
        Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "50", "--minutes", "0.000001", .. tiny]).InvokeAsync());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        Assert.Contains("train.minutes = 1E-06: budget spent after epoch 1", File.ReadAllText(Path.Combine(run, "run.log")));
        var (exit, text) = await CliOutput.Run("train", "--resume", run);
        Assert.Equal(0, exit);
        Assert.EndsWith($"nothing to train: {run} already spent its 1E-06 minutes (raise --minutes to go on)\n", text);
        Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--resume", run, "--minutes", "0"]).InvokeAsync());
        Assert.Equal(51, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);   // no budget: train.epochs ends it
        (exit, text) = await CliOutput.Run("train", "--resume", run, "--minutes", "0");
        Assert.Equal(0, exit);
        Assert.EndsWith($"nothing to train: {run} already trained 50 epochs, and train.epochs is 50 (raise --epochs to go on)\n", text);
        Assert.Equal(51, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        Assert.Equal(0, (await CliOutput.Run("train", "--resume", run, "--minutes", "0", "--out", dir["elsewhere"])).Exit);
        Assert.False(Directory.Exists(dir["elsewhere"]));   // nothing trained there, so no folder with a lone run.log
    }

    [Fact]
    public async Task A_run_whose_critic_never_let_G_step_says_so_instead_of_printing_nan()
    {
        using var dir = new TempDir();

        var (exit, text) = await CliOutput.Run("train", "--data", Repo.Fixture("tiny"), "--out", dir["run"], "--epochs", "2", "--set", "train.loss=wgan",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "output.gif=false", "--set", "output.tensor_board=false");

        Assert.True(exit == 0, text);
        Assert.Contains("Loss_G —  (no G step yet: the critic trains first)", text);
        Assert.DoesNotContain("NaN", text);
        Assert.Contains("warning: G was never updated in 4 steps", text);
    }

    [Fact]
    public async Task Sample_and_info_read_the_checkpoint()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        var (exit, text) = await CliOutput.Run(
            "train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "1",
            "--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "output.gif=false", "--set", "output.tensor_board=false");
        Assert.True(exit == 0, text);
        // the last line names what was written, and only that
        Assert.Contains($"done: {run} (samples, metrics.csv, loss.png, checkpoints/last.ckpt)", text);

        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", run, "-n", "5", "--out", dir["samples"]]).InvokeAsync());
        var files = Directory.GetFiles(dir["samples"], "*.png");
        Assert.Equal(5, files.Length);
        using (var first = SKBitmap.Decode(files.Order().First()))
            Assert.Equal((32, 32), (first.Width, first.Height));

        Assert.Equal(0, await SharpGanCli.Build().Parse(["sample", "--checkpoint", run, "-n", "4", "--grid", "--out", dir["grid.png"]]).InvokeAsync());
        using (var grid = SKBitmap.Decode(dir["grid.png"]))
            Assert.Equal(2 * 32 + 3 * 2, grid.Width);

        var (infoExit, info) = await CliOutput.Run("info", run);
        Assert.Equal(0, infoExit);
        Assert.Matches(@"checkpoints/last\.ckpt: intact \(after epoch 1, step \d+\)", info);   // the epochs it holds, not the next
    }

    [Fact]
    public async Task A_run_resumes_with_another_layout_and_the_run_log_says_how_each_part_computed()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        string[] tiny = ["--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "output.gif=false", "--set", "output.tensor_board=false"];
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "1", "--set", "train.precision=fp32", "--set", "train.layout=nchw", .. tiny,
        ]).InvokeAsync());
        Assert.Equal(2, await SharpGanCli.Build().Parse(["train", "--resume", run, "--set", "model.ngf=16"]).InvokeAsync());
        Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--resume", run, "--epochs", "2", "--set", "train.layout=channels-last"]).InvokeAsync());
        var all = File.ReadAllLines(Path.Combine(run, "run.log"));
        Assert.Equal(2, all.Count(l => l.Contains("pictures in memory (data.cache auto:")));   // where each start kept them
        var log = all.Where(l => l.Contains(": cpu ")).ToArray();
        Assert.Equal(2, log.Length);
        Assert.Contains("compute fp32 nchw", log[0]);
        Assert.Contains("compute fp32 channels-last", log[1]);
        Assert.Contains("epoch 2", log[1]);
    }

    [Fact]
    public async Task A_run_resumes_from_the_disk_cache_when_told_to()
    {
        using var dir = new TempDir();
        var run = dir["run"];
        string[] tiny = ["--set", "model.ngf=8", "--set", "model.ndf=8", "--set", "train.batch_size=4", "--set", "output.gif=false", "--set", "output.tensor_board=false"];
        var previous = Environment.GetEnvironmentVariable("SHARPGAN_DECODED_CACHE");
        Environment.SetEnvironmentVariable("SHARPGAN_DECODED_CACHE", dir["decoded"]);
        try
        {
            Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--data", Repo.Fixture("tiny"), "--out", run, "--epochs", "1", .. tiny]).InvokeAsync());
            Assert.Equal(0, await SharpGanCli.Build().Parse(["train", "--resume", run, "--epochs", "2", "--set", "data.cache=disk"]).InvokeAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("SHARPGAN_DECODED_CACHE", previous);
        }
        Assert.Contains(File.ReadAllLines(Path.Combine(run, "run.log")), l => l.Contains("pictures on disk: built"));
        Assert.Single(Directory.GetFiles(dir["decoded"], "*.sgcache"));
    }

    [Theory]
    [InlineData("--set", "train.lr_gen=1")]
    [InlineData("--data", "/no/such/folder")]
    [InlineData("--size", "48")]
    public async Task Bad_input_exits_with_code_2_and_writes_nothing(string flag, string value)
    {
        using var dir = new TempDir();
        int exit = await SharpGanCli.Build().Parse(["train", "--out", dir["run"], flag, value]).InvokeAsync();
        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(dir["run"]));
    }
}
