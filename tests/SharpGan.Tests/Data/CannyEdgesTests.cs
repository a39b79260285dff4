using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

public class CannyEdgesTests
{
    /// <summary>A white square [8, 16)² on black, 32×32, in [-1, 1].</summary>
    static Tensor Square()
    {
        var image = full(1, 3, 32, 32, -1f);
        image[.., .., 8..16, 8..16] = ones(1, 3, 8, 8);
        return image;
    }

    static string Picture(Tensor edges) => string.Join('\n', Enumerable.Range(0, (int)edges.shape[2])
        .Select(y => new string(Enumerable.Range(0, (int)edges.shape[3]).Select(x => edges[0, 0, y, x].item<float>() > 0 ? '#' : '.').ToArray())));

    [Fact]
    public void A_drawn_square_gives_its_one_pixel_outline_and_nothing_else()
    {
        using var scope = NewDisposeScope();
        // Default options (σ = 1). Without the blur the corners come out cut diagonally: a corner pixel's gradient
        // is diagonal and the pixel inside it wins there.
        var edges = CannyEdges.Detect(Square(), new CannyOptions());

        // One closed square ring, one pixel wide, on the square's border (the tie-break puts it at 7..15 or 8..15).
        var found = edges[0, 0].nonzero();
        var ys = found[.., 0].data<long>().ToArray();
        var xs = found[.., 1].data<long>().ToArray();
        Assert.True(ys.Length > 0, "no edges");
        long top = ys.Min(), bottom = ys.Max(), left = xs.Min(), right = xs.Max();
        var outline = Enumerable.Range(0, ys.Length).All(i => ys[i] == top || ys[i] == bottom || xs[i] == left || xs[i] == right);
        Assert.True(outline, "pixels inside the ring:\n" + Picture(edges));
        long side = right - left + 1;
        Assert.Equal(bottom - top + 1, side);
        Assert.Equal(4 * side - 4, ys.Length);   // every ring pixel, corners once: closed and one pixel wide
        Assert.InRange(side, 8, 9);
        Assert.InRange(left, 7, 8);
    }

    [Fact]
    public void A_flat_picture_has_no_edges_and_higher_thresholds_keep_fewer()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0, CannyEdges.Detect(zeros(2, 3, 16, 16), new CannyOptions()).sum().item<float>());
        // A faint square (a step of 0.15) is an edge for high 0.1, not for high 0.3.
        var faint = full(1, 3, 32, 32, 0f);
        faint[.., .., 8..16, 8..16] = full(1, 3, 8, 8, 0.3f);
        Assert.True(CannyEdges.Detect(faint, new CannyOptions(Sigma: 0, Low: 0.05, High: 0.1)).sum().item<float>() > 0);
        Assert.Equal(0, CannyEdges.Detect(faint, new CannyOptions(Sigma: 0, Low: 0.05, High: 0.3)).sum().item<float>());
        Assert.Throws<ArgumentException>(() => CannyEdges.Detect(faint, new CannyOptions(Low: 0.5, High: 0.2)));
    }
}
