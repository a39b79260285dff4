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

    [Theory]
    [InlineData("in")]          // the input itself
    [InlineData("in/pairs")]    // inside it
    public async Task Pairs_never_write_into_the_folder_they_read(string output)
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        foreach (var name in new[] { "google-rose.png", "google-tulip.png" })
            File.Copy(Repo.Fixture("tiny", name), dir[$"in/{name}"]);
        var before = Directory.GetFileSystemEntries(dir["in"], "*", SearchOption.AllDirectories).Order().ToList();

        var (exit, text) = await CliOutput.Run("data", "pairs", dir["in"], dir[output], "--kind", "gray", "--size", "32");

        Assert.Equal((2, $"error: output '{dir[output]}' must lie outside input '{dir["in"]}' (data pairs never writes into its input)\n"), (exit, text));
        Assert.Equal(before, Directory.GetFileSystemEntries(dir["in"], "*", SearchOption.AllDirectories).Order().ToList());
    }

    [Fact]
    public async Task An_empty_folder_is_refused_not_prepared_or_augmented_into_nothing()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);

        Assert.Equal((2, $"error: input folder '{dir["empty"]}' holds no files\n"), await CliOutput.Run("data", "prepare", dir["empty"], dir["out"]));
        var (exit, text) = await CliOutput.Run("data", "augment", dir["empty"], "fliph");
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: folder '{dir["empty"]}' holds no pictures to augment", text);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Separate_folders_are_told_apart_by_whole_names()
    {
        SharpGan.Data.SeparateFolders.Check("/data/in", "/data/in-pairs", "data pairs");   // a sibling that shares a prefix
        SharpGan.Data.SeparateFolders.Check("/data/in/", "/data/out", "data pairs");
        Assert.Throws<SharpGan.Data.DataException>(() => SharpGan.Data.SeparateFolders.Check("/data/in", "/data/in/", "data pairs"));
        Assert.Throws<SharpGan.Data.DataException>(() => SharpGan.Data.SeparateFolders.Check("/data/in/sub", "/data/in", "data pairs"));
    }

    [Fact]
    public async Task A_link_to_the_input_is_the_input()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in"]);
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["in/google-rose.png"]);
        File.CreateSymbolicLink(dir["link"], dir["in"]);

        var (exit, text) = await CliOutput.Run("data", "prepare", dir["in"], dir["link/prepared"], "--size", "16");

        Assert.Equal((2, $"error: output '{dir["link/prepared"]}' must lie outside input '{dir["in"]}' (prepare never writes into its input)\n"), (exit, text));
        Assert.Equal([dir["in/google-rose.png"]], Directory.GetFileSystemEntries(dir["in"]));
    }

    [Fact]
    public async Task Augment_does_not_write_over_a_file_by_its_names_unless_asked()
    {
        using var dir = new TempDir();
        File.Copy(Repo.Fixture("tiny", "google-rose.png"), dir["google-rose.png"]);
        File.WriteAllText(dir["google-rose__fliph.png"], "mine");

        var (exit, text) = await CliOutput.Run("data", "augment", dir.Path, "fliph", "flipv");

        Assert.Equal((2, $"error: data augment: {dir["google-rose__fliph.png"]} already exists; pass --overwrite to replace it, or write elsewhere\n"), (exit, text));
        Assert.Equal("mine", File.ReadAllText(dir["google-rose__fliph.png"]));
        Assert.False(File.Exists(dir["google-rose__flipv.png"]));   // none written, not only the one in the way
        Assert.Equal(0, (await CliOutput.Run("data", "augment", dir.Path, "fliph", "--overwrite")).Exit);
        Assert.NotEqual("mine", File.ReadAllText(dir["google-rose__fliph.png"]));
    }

    [Fact]
    public async Task A_users_file_by_a_tools_report_name_does_not_make_the_folder_the_tools()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["mine/B"]);
        File.WriteAllText(dir["mine/pairs.csv"], "my,own,data\n");
        File.WriteAllText(dir["mine/B/google-rose.png"], "precious");

        var (exit, text) = await CliOutput.Run("data", "pairs", Repo.Fixture("tiny"), dir["mine"], "--kind", "gray", "--size", "32");

        Assert.Equal(2, exit);
        Assert.Contains($"output folder '{dir["mine"]}' is not empty and holds no pairs.csv from an earlier data pairs", text);
        Assert.Equal("precious", File.ReadAllText(dir["mine/B/google-rose.png"]));
    }

    [Fact]
    public async Task A_data_tool_run_again_on_other_input_leaves_none_of_the_old_pictures()
    {
        using var dir = new TempDir();
        foreach (var (folder, name) in new[] { ("first", "google-rose.png"), ("first", "google-tulip.png"), ("second", "twitter-rose.png") })
        {
            Directory.CreateDirectory(dir[folder]);
            File.Copy(Repo.Fixture("tiny", name), dir[$"{folder}/{name}"]);
        }
        Assert.Equal(0, (await CliOutput.Run("data", "prepare", dir["first"], dir["prepared"], "--size", "16")).Exit);
        File.WriteAllText(dir["prepared/notes.txt"], "mine");
        Assert.Equal(0, (await CliOutput.Run("data", "prepare", dir["second"], dir["prepared"], "--size", "16")).Exit);
        Assert.Equal(["notes.txt", "prepare-report.csv", "prepare-summary.txt", "twitter-rose.png"],
            Directory.GetFiles(dir["prepared"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        Assert.Equal(0, (await CliOutput.Run("data", "pairs", dir["first"], dir["pairs"], "--kind", "gray", "--size", "16")).Exit);
        Assert.Equal(0, (await CliOutput.Run("data", "pairs", dir["first"], dir["pairs"], "--kind", "gray", "--size", "16", "--test", "0.5")).Exit);
        Assert.Empty(Directory.GetFiles(dir["pairs"], "*.png", SearchOption.TopDirectoryOnly));
        Assert.Empty(Directory.GetFiles(dir["pairs/A"]));   // the unsplit run's pairs went; its split replaces them
        Assert.Single(Directory.GetFiles(dir["pairs/train/A"]));
        Assert.Single(Directory.GetFiles(dir["pairs/test/A"]));
    }

    [Fact]
    public async Task A_test_share_that_leaves_nothing_to_train_on_and_a_code_given_twice_are_refused()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("data", "pairs", Repo.Fixture("tiny"), dir["pairs"], "--kind", "gray", "--size", "16", "--test", "0.99");
        Assert.Equal((2, "error: --test 0.99: all 8 pictures would go to test/, none to train/; give a smaller share\n"), (exit, text));

        (exit, text) = await CliOutput.Run("data", "augment", TinyCopy.In(dir), "rot_90", "rot_90");
        Assert.Equal((2, "error: augmentation code 'rot_90' is given twice\n"), (exit, text));
    }
}
