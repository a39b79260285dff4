using SharpGan.Config;

namespace SharpGan.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void Defaults_are_the_main_job()
    {
        var c = ConfigLoader.Load(null, []);
        Assert.Equal("data/flowers", c.Data.Path);
        Assert.Equal(32, c.Model.ImageSize);
        Assert.Equal(new LatentShape(100, 1), c.Model.LatentShape);
        Assert.Equal("bce", c.Train.Loss);
    }

    [Fact]
    public void Yaml_file_then_overrides_win_in_order()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["run.yaml"], """
            # seed 000's generator
            model:
              latent: 32x2x2
              ngf: 128
            train:
              lr_g: 0.0001
            data:
              background: '#000000'
            """);
        var c = ConfigLoader.Load(dir["run.yaml"], ["model.ngf=96", "train.deterministic=true"]);
        Assert.Equal(new LatentShape(32, 2), c.Model.LatentShape);
        Assert.Equal(96, c.Model.Ngf);
        Assert.Equal(1e-4, c.Train.LrG);
        Assert.True(c.Train.Deterministic);
        Assert.Equal("#000000", c.Data.Background);
        Assert.Equal(32, c.Model.Ndf);
    }

    [Fact]
    public void Json_file_is_read_too()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["run.json"], """{ "train": { "epochs": 3 }, "data": { "resize": "pad" } }""");
        var c = ConfigLoader.Load(dir["run.json"], []);
        Assert.Equal(3, c.Train.Epochs);
        Assert.Equal(ResizeMode.Pad, c.Data.Resize);
    }

    [Theory]
    [InlineData("train.lr_gen=0.1", "train.lr_gen", "train.lr_g")]
    [InlineData("modle.ngf=3", "modle.ngf", "model.ngf")]
    [InlineData("model.image_sise=64", "model.image_sise", "model.image_size")]
    public void Unknown_key_is_named_with_the_nearest_valid_one(string assignment, string bad, string nearest)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, [assignment]));
        Assert.Contains($"'{bad}'", e.Message);
        Assert.Contains($"did you mean '{nearest}'", e.Message);
    }

    [Fact]
    public void Unknown_key_in_a_file_names_the_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.yaml"], "train:\n  epoch: 3\n");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["bad.yaml"], []));
        Assert.Contains("bad.yaml", e.Message);
        Assert.Contains("'train.epochs'", e.Message);
    }

    [Theory]
    [InlineData("model.image_size=48", "model.image_size = 48")]
    [InlineData("train.batch_size=1", "train.batch_size = 1")]
    [InlineData("model.latent=100x2x1", "model.latent")]
    [InlineData("model.latent=64x16x16", "model.latent")]
    [InlineData("data.background=white", "data.background")]
    [InlineData("train.lr_d=2", "train.lr_d = 2")]
    public void Out_of_range_values_are_refused_by_key(string assignment, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, [assignment]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Wrong_type_is_refused_with_the_key()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, ["train.epochs=many"]));
        Assert.Contains("train.epochs", e.Message);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nope/none.yaml", []));
        Assert.Contains("/nope/none.yaml", e.Message);
    }

    [Fact]
    public void Resolved_config_round_trips_through_json()
    {
        var c = ConfigLoader.Load(null, ["model.latent=32x2x2", "data.rotate_degrees=5"]);
        Assert.Equal(c, ConfigLoader.FromJson(ConfigLoader.ToJson(c)));
    }
}
