using SharpGan.Style;
using static TorchSharp.torch;

namespace SharpGan.Tests.Style;

public class StyleLossesTests
{
    // One image, N = 2 filters, M = 2 positions (1 × 2): F = [[1, 2], [3, 4]].
    static Tensor Features() => tensor(new float[] { 1, 2, 3, 4 }).view(1, 2, 1, 2);

    [Fact]
    public void The_gram_matrix_is_f_times_f_transposed()
    {
        using var scope = NewDisposeScope();
        // [[1·1 + 2·2, 1·3 + 2·4], [3·1 + 4·2, 3·3 + 4·4]]
        Assert.Equal(new float[] { 5, 11, 11, 25 }, StyleLosses.Gram(Features()).flatten().data<float>().ToArray());
    }

    [Fact]
    public void Content_and_style_losses_match_the_paper_by_hand()
    {
        using var scope = NewDisposeScope();
        var target = tensor(new float[] { 0, 2, 3, 2 }).view(1, 2, 1, 2);
        Assert.Equal(0.5f * (1 + 4), StyleLosses.Content(Features(), target).item<float>());   // ½·Σ(F − P)²: (1−0)² + (4−2)²

        // A = Gram of P = [[4, 4], [4, 13]]; G − A = [[1, 7], [7, 12]]; Σ² = 1 + 49 + 49 + 144 = 243; 4·N²·M² = 4·4·4 = 64.
        var a = StyleLosses.Gram(target);
        Assert.Equal(243f / 64, StyleLosses.StyleLayer(Features(), a).item<float>(), 5);

        // Neighbours: vertical none (one row), horizontal (2−1)² + (4−3)² = 2.
        Assert.Equal(2f, StyleLosses.TotalVariation(Features()).item<float>());
    }
}
