using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class SpectralNormTests
{
    [Fact]
    public void Power_iteration_finds_a_known_top_singular_value_within_one_percent()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var (left, _) = linalg.qr(randn(6, 4));
        var (right, _) = linalg.qr(randn(4, 4));
        var matrix = left.mm(diag(tensor(new[] { 5f, 2f, 1f, 0.5f }))).mm(right.t());
        Assert.Equal(5, SpectralNormConv2d.LargestSingularValue(matrix, 50), 0.05);
    }

    [Fact]
    public void Normalised_weight_has_unit_spectral_norm_after_training_forwards()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var conv = new SpectralNormConv2d(3, 8, 4, 2, 1);
        var x = randn(2, 3, 8, 8);
        for (int i = 0; i < 300; i++)
            using (no_grad()) conv.forward(x);
        var weight = conv.named_parameters().Single(p => p.name == "weight_orig").parameter.detach().view(8, -1);
        float top = SpectralNormConv2d.LargestSingularValue(weight, 200);
        Assert.Equal(top, conv.Sigma(), top * 0.01);
        Assert.Equal(new long[] { 2, 8, 4, 4 }, conv.forward(x).shape);   // same geometry as nn.Conv2d(3, 8, 4, 2, 1)
    }

    [Fact]
    public void Gradients_reach_the_weight_and_u_is_saved_but_frozen_in_eval()
    {
        using var scope = NewDisposeScope();
        using var conv = new SpectralNormConv2d(3, 4, 4, 2, 1);
        conv.forward(randn(2, 3, 8, 8)).sum().backward();
        var grad = conv.named_parameters().Single(p => p.name == "weight_orig").parameter.grad;
        Assert.NotNull(grad);
        Assert.True(grad!.isfinite().all().item<bool>() && grad.abs().sum().item<float>() > 0);

        Assert.Contains("u", conv.state_dict().Keys);
        conv.eval();
        var before = conv.state_dict()["u"].clone();
        using (no_grad()) conv.forward(randn(2, 3, 8, 8));
        Assert.True(conv.state_dict()["u"].eq(before).all().item<bool>());
    }
}
