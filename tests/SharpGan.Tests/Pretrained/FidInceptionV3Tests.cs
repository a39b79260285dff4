using SharpGan.Metrics;
using SharpGan.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Tests.Pretrained;

/// <summary>The FID network's layout and its loader (no real weights exist offline: the numbers cannot be tested here).</summary>
public class FidInceptionV3Tests
{
    [Fact]
    public void The_layout_has_pytorch_fids_names_and_shapes_and_gives_2048_features()
    {
        using var network = new FidInceptionV3();
        var state = network.state_dict();
        Assert.Equal([32L, 3, 3, 3], state["Conv2d_1a_3x3.conv.weight"].shape);
        Assert.Equal([32L, 192, 1, 1], state["Mixed_5b.branch_pool.conv.weight"].shape);
        Assert.Equal([128L, 128, 1, 7], state["Mixed_6b.branch7x7_2.conv.weight"].shape);
        Assert.Equal([448L, 2048, 1, 1], state["Mixed_7c.branch3x3dbl_1.conv.weight"].shape);
        Assert.Equal([192L], state["Mixed_7c.branch_pool.bn.running_var"].shape);
        Assert.DoesNotContain(state.Keys, k => k.StartsWith("fc.", StringComparison.Ordinal) || k.Contains("Aux"));
        network.eval();
        using var _ = no_grad();
        Assert.Equal([2L, 2048], network.forward(rand(2, 3, 299, 299).mul(2).sub(1)).shape);
    }

    [Fact]
    public void Weights_saved_as_safetensors_load_back_to_the_same_features_and_fc_is_ignored()
    {
        using var dir = new TempDir();
        manual_seed(4);
        using var original = new FidInceptionV3();
        using (no_grad())
            foreach (var (name, t) in original.state_dict().Where(s => s.Key.EndsWith("running_mean", StringComparison.Ordinal)))
                t.copy_(randn_like(t).mul(0.1));   // non-default statistics, so the buffers must really load
        var file = original.state_dict().Where(s => !s.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value);
        file["fc.weight"] = zeros(1008, 2048);
        file["fc.bias"] = zeros(1008);
        SafeTensors.Write(dir["fid.safetensors"], file);

        using var backbone = (FidInceptionBackbone)Backbones.Load(dir["fid.safetensors"]);
        original.eval();
        var images = rand(1, 3, 299, 299).mul(2).sub(1);
        using var grad = no_grad();
        Assert.True(original.forward(images).allclose(backbone.Forward(images).Features, atol: 1e-5));
        Assert.Equal("fid-inception-v3/pool3", backbone.Name);
    }

    [Fact]
    public void A_file_that_does_not_fit_names_the_tensors()
    {
        using var dir = new TempDir();
        using var original = new FidInceptionV3();
        var file = original.state_dict().ToDictionary(s => s.Key, s => s.Value);
        file.Remove("Mixed_6c.branch1x1.conv.weight");
        file["Mixed_5b.branch1x1.bn.bias"] = zeros(65);
        SafeTensors.Write(dir["fid.safetensors"], file);
        var e = Assert.Throws<InvalidDataException>(() => FidInceptionV3.Load(dir["fid.safetensors"]));
        Assert.Contains("missing Mixed_6c.branch1x1.conv.weight", e.Message);
        Assert.Contains("Mixed_5b.branch1x1.bn.bias is [65], expected [64]", e.Message);
    }
}
