using SharpGan.Cli;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

/// <summary>
/// Checkpoints written by earlier SharpGan versions, one per GAN kind and architecture (tests/fixtures/checkpoints,
/// made by scripts/make-checkpoint-fixtures.sh with the build that wrote each format), still load and draw exactly
/// the picture that build drew from them, through the same commands.
/// </summary>
public class OldCheckpointTests
{
    static string Fixture(string name) => Repo.Fixture("checkpoints", name);

    public static TheoryData<string, string[]> Kinds() => new()
    {
        { "format1-dcgan-ema", ["sample", "-n", "4", "--grid", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-dense-dcgan", ["sample", "-n", "4", "--grid", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-srresnet", ["sample", "-n", "4", "--grid", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-dcgan-5x5", ["sample", "-n", "4", "--grid", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-acgan", ["sample", "--class-grid", "-n", "2", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-tags", ["sample", "--grid", "-n", "2", "--tags", "google,plant-flower|twitter,plant-other", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-semi-supervised", ["sample", "-n", "4", "--grid", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
        { "format1-mask", ["sample", "--mask", Fixture("format1-masks"), "--figure", "-n", "4", "--seed", "7", "--precision", "fp32", "--layout", "nchw"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_format_1_checkpoint_loads_and_samples_the_picture_the_old_build_sampled(string name, string[] sample)
    {
        var checkpoint = RunCheckpoints.Load(Fixture(name + ".ckpt"));
        Assert.Null(checkpoint.Policy);   // format 1 recorded the policy as text only
        Assert.Null(checkpoint.Notice);

        using var dir = new TempDir();
        var picture = dir["picture.png"];
        Assert.Equal(0, await SharpGanCli.Build().Parse([.. sample, "--checkpoint", Fixture(name + ".ckpt"), "--out", picture]).InvokeAsync());

        Assert.Equal(File.ReadAllBytes(Fixture(name + ".png")), File.ReadAllBytes(picture));
    }

    [Fact]
    public async Task A_format_1_pix2pix_checkpoint_translates_the_picture_as_the_old_build_did()
    {
        using var dir = new TempDir();
        Assert.Equal(0, await SharpGanCli.Build().Parse([
            "translate", "run", "--checkpoint", Fixture("format1-pix2pix.ckpt"), "--in", Fixture("format1-pix2pix-input.png"),
            "--out", dir["out"], "--seed", "7",
        ]).InvokeAsync());

        Assert.Equal(File.ReadAllBytes(Fixture("format1-pix2pix.png")), File.ReadAllBytes(Path.Combine(dir["out"], "format1-pix2pix-input.png")));
    }

    [Fact]
    public void Tricks_made_defaults_after_a_checkpoint_read_as_that_run_trained()
    {
        var tricks = RunCheckpoints.Load(Fixture("format1-dense-dcgan.ckpt")).Config.Tricks;
        Assert.Equal(SharpGan.Config.AdaMode.Off, tricks.Ada);
        Assert.Equal(0, tricks.EmaKimg);
        Assert.Equal(0, tricks.LrRampDown);
    }

    [Fact]
    public void The_old_architecture_names_in_a_checkpoint_read_as_the_new_ones()
    {
        Assert.Equal("dense-dcgan", RunCheckpoints.Load(Fixture("format1-dense-dcgan.ckpt")).Config.Model.Architecture);
        Assert.Equal("dcgan-5x5", RunCheckpoints.Load(Fixture("format1-dcgan-5x5.ckpt")).Config.Model.Architecture);
    }
}
