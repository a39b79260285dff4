using SharpGan.Models;
using SharpGan.Pretrained;
using SharpGan.Segmentation;
using static TorchSharp.torch;

namespace SharpGan.Tests.Segmentation;

public class SegmenterTests
{
    static Segmenter Fresh(int seed = 3)
    {
        manual_seed(seed);
        var model = new Segmenter(new UNet(new UNetConfig(3, 1, Depth: 2, BaseFilters: 4, Norm: "batch")), 16,
            new Dictionary<string, string> { ["note"] = "test" });
        // One training-mode forward moves the BatchNorm statistics off their defaults, so the round trip must carry them.
        using (NewDisposeScope())
            model.Network.forward(randn(4, 3, 16, 16).add(1));
        return model;
    }

    [Fact]
    public void Save_and_load_give_identical_predictions_and_keep_config_size_and_provenance()
    {
        using var dir = new TempDir();
        using var scope = NewDisposeScope();
        using var model = Fresh();
        var images = rand(3, 3, 16, 16).mul(2).sub(1);
        var before = model.Predict(images);
        model.Save(dir["seg.safetensors"]);

        using var loaded = Segmenter.Load(dir["seg.safetensors"]);
        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(16, loaded.ImageSize);
        Assert.Equal("test", loaded.Provenance["note"]);
        Assert.True(loaded.Predict(images).equal(before).all().item<bool>());
        Assert.Equal("sharpgan-segmenter/1", SafeTensors.ReadMetadata(dir["seg.safetensors"])["format"]);
    }

    [Fact]
    public void Weights_damaged_into_nan_are_refused_by_name()
    {
        using var dir = new TempDir();
        using (var model = Fresh()) model.Save(dir["seg.safetensors"]);
        var tensors = SafeTensors.Read(dir["seg.safetensors"]);
        var metadata = SafeTensors.ReadMetadata(dir["seg.safetensors"]);
        var name = tensors.First(t => t.Value.is_floating_point()).Key;
        tensors[name].view(-1)[0] = tensor(float.NaN);   // as a flipped run of bytes would leave it (0xFFFFFFFF is a NaN)

        SafeTensors.Write(dir["seg.safetensors"], tensors, metadata);

        var e = Assert.Throws<InvalidDataException>(() => Segmenter.Load(dir["seg.safetensors"]));
        Assert.Equal($"'{dir["seg.safetensors"]}' is damaged: its weights '{name}' hold NaN or infinity", e.Message);
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(32, 32)]
    [InlineData(24, 40)]
    public void Predict_answers_at_the_size_it_was_asked_in_probabilities(int height, int width)
    {
        using var scope = NewDisposeScope();
        using var model = Fresh();
        var p = model.Predict(rand(2, 3, height, width).mul(2).sub(1));
        Assert.Equal(new long[] { 2, 1, height, width }, p.shape);
        Assert.True(p.ge(0).all().item<bool>() && p.le(1).all().item<bool>());
        Assert.False(model.Network.training);
    }

    [Fact]
    public void A_folder_segment_train_wrote_loads_as_its_file_and_any_other_folder_is_named()
    {
        using var dir = new TempDir();
        using (var model = Fresh()) model.Save(dir[$"seg/{Segmenter.FileName}"]);

        using (var loaded = Segmenter.Load(dir["seg"]))
            Assert.Equal(16, loaded.ImageSize);
        Directory.CreateDirectory(dir["run"]);
        var e = Assert.Throws<FileNotFoundException>(() => Segmenter.Load(dir["run"]));
        Assert.Equal($"'{dir["run"]}' holds no {Segmenter.FileName}; train one with: sharpgan segment train --data DIR --out DIR", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Segmenter.Load("/nowhere/seg.safetensors"));
        Assert.Contains("/nowhere/seg.safetensors", e.Message);
    }

    [Fact]
    public void Other_safetensors_and_garbage_are_refused_by_name()
    {
        using var dir = new TempDir();
        SafeTensors.Write(dir["other.safetensors"], new Dictionary<string, Tensor> { ["w"] = zeros(2) }, new Dictionary<string, string> { ["format"] = "pt" });
        var e = Assert.Throws<InvalidDataException>(() => Segmenter.Load(dir["other.safetensors"]));
        Assert.Contains("other.safetensors' is not a SharpGan segmenter", e.Message);

        File.WriteAllText(dir["garbage.safetensors"], "not weights at all");
        e = Assert.Throws<InvalidDataException>(() => Segmenter.Load(dir["garbage.safetensors"]));
        Assert.Contains("garbage.safetensors", e.Message);

        using (var model = Fresh()) model.Save(dir["seg.safetensors"]);
        var tensors = SafeTensors.Read(dir["seg.safetensors"]);
        var metadata = SafeTensors.ReadMetadata(dir["seg.safetensors"]).ToDictionary();
        metadata["unet"] = metadata["unet"].Replace("\"BaseFilters\":4", "\"BaseFilters\":5");
        SafeTensors.Write(dir["misfit.safetensors"], tensors, metadata);
        e = Assert.Throws<InvalidDataException>(() => Segmenter.Load(dir["misfit.safetensors"]));
        Assert.Contains("misfit.safetensors' does not fit", e.Message);
    }
}
