using SharpGan.Cli;
using SharpGan.DataTools;

namespace SharpGan.Tests.Cli;

public class DataCommandTests
{
    [Fact]
    public async Task Composite_writes_pairs_and_a_bad_option_exits_with_2()
    {
        using var dir = new TempDir();
        var flowers = Repo.Path("data", "flowers");

        int exit = await SharpGanCli.Build().Parse([
            "data", "composite", flowers, dir["out"], "--count", "4", "--size", "32", "--seed", "2", "--scale-min", "0.4", "--scale-max", "0.5",
            "--rotate", "10", "--objects-per-image", "2", "--background-kind", "noise",
        ]).InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(4, Directory.GetFiles(dir["out"], "*.png").Length);
        Assert.Equal(4, Directory.GetFiles(dir["out/masks"], "*.png").Length);
        var rows = File.ReadAllLines(dir["out/composite.csv"]).Skip(1).ToList();
        Assert.Equal(8, rows.Count);
        Assert.All(rows, r => Assert.EndsWith(",noise", r));

        Assert.Equal(2, await SharpGanCli.Build().Parse(["data", "composite", flowers, dir["bad"], "--scale-min", "0"]).InvokeAsync());
        Assert.False(Directory.Exists(dir["bad"]));
    }
}
