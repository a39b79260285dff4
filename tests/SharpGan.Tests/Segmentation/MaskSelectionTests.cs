using SharpGan.Segmentation;

namespace SharpGan.Tests.Segmentation;

public class MaskSelectionTests
{
    const int Side = 32;
    static readonly MaskSelectionRules Rules = new();

    static MaskVerdict Judge(float[] map, MaskSelectionRules? rules = null) => MaskSelection.Judge(MaskStatistics.Of(map, Side, Side), rules ?? Rules);

    // Sure maps: 0.98 on the object, 0.02 elsewhere (confidence 0.98).
    static float[] Sure(params (int, int, int, int)[] blobs) => Maps.Draw(Side, Side, 0.02f, 0.98f, blobs);

    public static TheoryData<string, float[], MaskRule?, string?> Cases => new()
    {
        { "a centred blob", Sure((10, 10, 12, 12)), null, null },
        { "an almost full mask", Sure((2, 2, 28, 28)), MaskRule.MaxArea, "area 0.77 > max 0.60" },               // 784 / 1024
        { "a tiny speck", Sure((15, 15, 3, 3)), MaskRule.MinArea, "area 0.01 < min 0.05" },                       // 9 / 1024
        { "two separate equal blobs", Sure((2, 2, 8, 8), (20, 20, 8, 8)), MaskRule.MinLargestComponent, "largest component 0.50 < min 0.80" },
        // p alternating 0.49 / 0.51: half the pixels "in", none of them sure.
        { "an uncertain map", Enumerable.Range(0, Side * Side).Select(i => i % 2 == 0 ? 0.49f : 0.51f).ToArray(), MaskRule.MinConfidence, "confidence 0.51 < min 0.85" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keeps_a_clearly_located_object_and_drops_the_rest_with_the_reason(string what, float[] map, MaskRule? rule, string? reason)
    {
        var verdict = Judge(map);
        Assert.True((rule is null) == verdict.Kept, what);
        Assert.Equal(rule, verdict.Failed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void The_summary_counts_kept_and_dropped_by_rule()
    {
        var verdicts = Cases.Select(c => Judge((float[])c[1])).Append(Judge(Sure((1, 1, 2, 2)))).ToList();
        var summary = MaskSelection.Summarise(verdicts);
        Assert.Equal((6, 1), (summary.Total, summary.Kept));
        Assert.Equal(new Dictionary<MaskRule, int>
        {
            [MaskRule.MinConfidence] = 1, [MaskRule.MinArea] = 2, [MaskRule.MaxArea] = 1, [MaskRule.MinLargestComponent] = 1,
        }, summary.Dropped);
    }

    [Fact]
    public void The_border_rule_applies_only_when_set()
    {
        var touching = Sure((0, 0, 12, 12));   // 23 of the frame's 124 edge pixels (the corner counts once)
        Assert.True(Judge(touching).Kept);
        var verdict = Judge(touching, Rules with { MaxBorderShare = 0.1 });
        Assert.Equal(MaskRule.MaxBorderShare, verdict.Failed);
        Assert.Equal("border 0.19 > max 0.10", verdict.Reason);
    }

    [Fact]
    public void A_value_that_rounds_to_its_limit_is_printed_with_more_digits()
    {
        var map = Maps.Draw(Side, Side, 0.1725f, 0.98f, (10, 10, 12, 12));   // (144·0.98 + 880·0.8275) / 1024 = 0.84895
        Assert.StartsWith("confidence 0.849", Judge(map).Reason);
    }

    [Theory]
    [InlineData(0.7, 0.6, 0.8, "min-area 0.7 is above max-area 0.6")]
    [InlineData(0.05, 1.5, 0.8, "max-area 1.5: a share from 0 to 1")]
    [InlineData(0.05, 0.6, -0.1, "min-component -0.1")]
    public void Rules_out_of_range_are_named(double minArea, double maxArea, double minComponent, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new MaskSelectionRules(minArea, maxArea, minComponent).Validate());
        Assert.Contains(message, e.Message);
    }
}
