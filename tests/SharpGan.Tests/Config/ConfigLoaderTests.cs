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
            # the flower GAN's generator
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
    [InlineData("trian=3", "trian", "train")]   // a section misspelt: its name, not a key inside another
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
    [InlineData("data.cache=ssd", "data.cache = 'ssd': allowed auto, memory, disk")]
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

    [Theory]
    [InlineData("train:\n  lr_g: [0.1\n  epochs: 3\n", "bad.yaml:3:3: cannot read the value here (is a '[', '{' or quote above left open?)")]
    [InlineData("train:\n  lr_g: [0.1, 2\n", "bad.yaml:3:1: While parsing a flow sequence, did not find expected ',' or ']'.")]
    [InlineData("train:\n  loss: \"bce\n", "bad.yaml:2:9: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("train:\n\tepochs: 3\n", "bad.yaml:1:1: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("[a, b]: 1\n", "bad.yaml:1:1: a key must be a plain name")]
    public void A_yaml_syntax_error_is_one_line_with_the_file_line_and_column(string yaml, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.yaml"], yaml);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["bad.yaml"], []));
        Assert.Equal(dir.Path + "/" + expected, e.Message);
    }

    [Fact]
    public void A_json_syntax_error_names_the_file_line_and_column()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bad.json"], "{\n  \"train\": { \"epochs\": 3,, }\n}");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["bad.json"], []));
        Assert.StartsWith(dir["bad.json"] + ":2:", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("train.epochs=abc", "--set train.epochs=abc: 'abc' is not an integer")]
    [InlineData("train.epochs=2.5", "--set train.epochs=2.5: '2.5' is not an integer")]
    [InlineData("train.seed=x", "--set train.seed=x: 'x' is not an integer")]
    [InlineData("train.epochs=99999999999999", "--set train.epochs=99999999999999: '99999999999999' is out of range (at most 2,147,483,647)")]
    [InlineData("train.minutes=1e308", "train.minutes = 1E+308: 0 (no budget) up to 1,000,000 (about two years)")]
    [InlineData("model.latent=0x0x0", "model.latent: latent shape '0x0x0': channels, height and width must each be at least 1")]
    [InlineData("train.lr_g=fast", "--set train.lr_g=fast: 'fast' is not a number")]
    [InlineData("train.deterministic=maybe", "--set train.deterministic=maybe: 'maybe' is not true or false")]
    [InlineData("data.resize=squash", "--set data.resize=squash: 'squash' is not one of crop, pad")]
    [InlineData("collapse.action=panic", "--set collapse.action=panic: 'panic' is not one of warn, stop, rollback")]
    public void A_set_value_of_the_wrong_type_says_what_the_key_takes(string assignment, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, [assignment]));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void A_file_value_of_the_wrong_type_names_the_file_and_the_key()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["run.yaml"], "train:\n  epochs: many\n");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["run.yaml"], []));
        Assert.Equal($"{dir["run.yaml"]}: train.epochs: 'many' is not an integer", e.Message);
        File.WriteAllText(dir["run.yaml"], "train:\n  lr_g: [0.1, 0.2]\n");
        e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["run.yaml"], []));
        Assert.Equal($"{dir["run.yaml"]}: train.lr_g: a number is wanted, not a list", e.Message);
    }

    [Fact]
    public void Values_take_their_keys_types_so_text_keys_keep_digits_and_enums_any_case()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["run.yaml"], "model:\n  mask_d_sizes: 4\ncollapse:\n  action: Rollback\ntrain:\n  lr_g: '0.001'\n");
        var c = ConfigLoader.Load(dir["run.yaml"], ["data.background=#000000", "tricks.instance_noise_decay=EXPONENTIAL"]);
        Assert.Equal("4", c.Model.MaskDSizes);
        Assert.Equal(CollapseAction.Rollback, c.Collapse.Action);
        Assert.Equal(0.001, c.Train.LrG);
        Assert.Equal(NoiseDecay.Exponential, c.Tricks.InstanceNoiseDecay);
        Assert.Equal("4", ConfigLoader.Load(null, ["model.mask_d_sizes=4"]).Model.MaskDSizes);
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

    [Theory]
    [InlineData("seed003-dense", "dense-dcgan")]
    [InlineData("seed004-5x5", "dcgan-5x5")]
    public void Architectures_under_their_first_names_still_load_under_their_new_ones(string old, string renamed)
    {
        Assert.Equal(renamed, ConfigLoader.Load(null, [$"model.architecture={old}"]).Model.Architecture);
        var written = ConfigLoader.ToJson(new SharpGanConfig()).Replace("\"architecture\": \"dcgan\"", $"\"architecture\": \"{old}\"");
        Assert.Contains(old, written);   // a checkpoint's config.json from before the rename
        Assert.Equal(renamed, ConfigLoader.FromJson(written).Model.Architecture);
    }

    [Fact]
    public void The_pix2pix_keys_are_spelled_as_the_docs_and_translate_s_flags_spell_them_and_old_spellings_load()
    {
        var config = ConfigLoader.Load(null, ["model.pix2pix_norm=instance", "model.unet_depth=3", "model.unet_dropout_levels=1"]);
        Assert.Equal(("instance", 3, 1), (config.Model.Pix2PixNorm, config.Model.UNetDepth, config.Model.UNetDropoutLevels));
        var written = ConfigLoader.ToJson(config)
            .Replace("\"pix2pix_norm\"", "\"pix2_pix_norm\"").Replace("\"unet_depth\"", "\"u_net_depth\"");
        Assert.Contains("u_net_depth", written);   // how a checkpoint's config.json spelled them before
        var old = ConfigLoader.FromJson(written);
        Assert.Equal(("instance", 3), (old.Model.Pix2PixNorm, old.Model.UNetDepth));
    }

    [Fact]
    public void A_json_key_given_twice_is_named_and_a_trailing_comma_is_taken()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["twice.json"], """{ "train": { "epochs": 1, "epochs": 2 } }""");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(dir["twice.json"], []));
        Assert.Equal($"{dir["twice.json"]}:1: key 'train.epochs' is given twice", e.Message);

        File.WriteAllText(dir["comma.json"], "{ \"train\": { \"epochs\": 3, }, // as hand-written configs have them\n }");
        Assert.Equal(3, ConfigLoader.Load(dir["comma.json"], []).Train.Epochs);
    }
}
