using SharpGan.Segmentation;

namespace SharpGan.Tests.Segmentation;

public class MaskStatisticsTests
{
    [Fact]
    public void Two_blobs_of_12_and_4_pixels_give_the_larger_three_quarters_of_the_mask()
    {
        // 10×10: a 4×3 blob (12 px) at (1, 1) and a 2×2 blob (4 px) at (7, 6); p = 0.9 inside, 0.2 outside.
        var map = Maps.Draw(10, 10, 0.2f, 0.9f, (1, 1, 4, 3), (7, 6, 2, 2));
        var stats = MaskStatistics.Of(map, 10, 10);
        Assert.Equal(0.16, stats.Area, 6);
        Assert.Equal(0.75, stats.LargestComponent, 6);
        // Mean of max(p, 1 − p): 16 pixels at 0.9 and 84 at 0.8 → (14.4 + 67.2) / 100.
        Assert.Equal(0.816, stats.Confidence, 5);
        Assert.Equal(new MaskBox(1, 1, 8, 7), stats.Box);
        Assert.Equal(0.0, stats.BorderShare);
    }

    [Fact]
    public void Pixels_touching_only_at_a_corner_are_one_piece()
    {
        var map = Maps.Draw(6, 6, 0f, 1f, (1, 1, 2, 2), (3, 3, 2, 2));
        Assert.Equal(1.0, MaskStatistics.Of(map, 6, 6).LargestComponent);
    }

    [Fact]
    public void An_empty_mask_has_no_area_no_component_and_no_box()
    {
        var stats = MaskStatistics.Of(new float[64], 8, 8);
        Assert.Equal((0.0, 0.0, 1.0, (MaskBox?)null), (stats.Area, stats.LargestComponent, stats.Confidence, stats.Box));
    }

    [Fact]
    public void A_map_of_halves_is_as_unsure_as_a_map_can_be()
    {
        Assert.Equal(0.5, MaskStatistics.Of(Enumerable.Repeat(0.5f, 16).ToArray(), 4, 4).Confidence, 6);
    }

    [Fact]
    public void Border_share_counts_the_frame_pixels_the_mask_covers()
    {
        // 4×4 frame has 12 edge pixels; a 2×4 block on the left covers 6 of them.
        var stats = MaskStatistics.Of(Maps.Draw(4, 4, 0f, 1f, (0, 0, 2, 4)), 4, 4);
        Assert.Equal(0.5, stats.BorderShare, 6);
    }

    [Fact]
    public void Bytes_read_as_probabilities_over_255()
    {
        var bytes = Maps.Draw(4, 4, 0f, 255f, (1, 1, 2, 2)).Select(v => (byte)v).ToArray();
        var stats = MaskStatistics.Of(bytes, 4, 4);
        Assert.Equal((0.25, 1.0, 1.0), (stats.Area, stats.LargestComponent, stats.Confidence));
    }

    [Fact]
    public void A_map_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => MaskStatistics.Of(new float[10], 4, 4));
        Assert.Contains("4×4", e.Message);
    }
}
