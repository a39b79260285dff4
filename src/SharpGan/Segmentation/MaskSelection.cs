using System.Globalization;

namespace SharpGan.Segmentation;

/// <summary>Kept, or the first rule a mask failed with the numbers that failed it (e.g. "area 0.72 > max 0.60").</summary>
public sealed record MaskVerdict(bool Kept, MaskRule? Failed, string? Reason)
{
    public static readonly MaskVerdict Keep = new(true, null, null);
}

/// <summary>How many masks were judged, kept, and dropped by each rule.</summary>
public sealed record SelectionSummary(int Total, int Kept, IReadOnlyDictionary<MaskRule, int> Dropped);

/// <summary>
/// The flower GAN's filtering step: keep the images whose predicted mask shows a clearly located object. Confidence is
/// tried first, because the area and pieces of a mask the model is unsure of are noise, not evidence.
/// </summary>
public static class MaskSelection
{
    public static MaskVerdict Judge(MaskStats stats, MaskSelectionRules rules)
    {
        if (stats.Confidence < rules.MinConfidence) return Drop(MaskRule.MinConfidence, "confidence", stats.Confidence, "<", rules.MinConfidence);
        if (stats.Area < rules.MinArea) return Drop(MaskRule.MinArea, "area", stats.Area, "<", rules.MinArea);
        if (stats.Area > rules.MaxArea) return Drop(MaskRule.MaxArea, "area", stats.Area, ">", rules.MaxArea);
        if (stats.LargestComponent < rules.MinLargestComponent)
            return Drop(MaskRule.MinLargestComponent, "largest component", stats.LargestComponent, "<", rules.MinLargestComponent);
        if (rules.MaxBorderShare is { } maxBorder && stats.BorderShare > maxBorder)
            return Drop(MaskRule.MaxBorderShare, "border", stats.BorderShare, ">", maxBorder);
        return MaskVerdict.Keep;
    }

    public static SelectionSummary Summarise(IEnumerable<MaskVerdict> verdicts)
    {
        var list = verdicts.ToList();
        var dropped = list.Where(v => v.Failed is not null).GroupBy(v => v.Failed!.Value)
            .OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new SelectionSummary(list.Count, list.Count(v => v.Kept), dropped);
    }

    static MaskVerdict Drop(MaskRule rule, string what, double value, string comparison, double limit) =>
        new(false, rule, $"{what} {Distinct(value, limit)} {comparison} {(comparison == "<" ? "min" : "max")} {limit.ToString("F2", CultureInfo.InvariantCulture)}");

    /// <summary>Two decimals, or as many more (up to 4) as it takes not to print "0.85 < min 0.85".</summary>
    static string Distinct(double value, double limit)
    {
        for (int digits = 2; ; digits++)
        {
            var text = value.ToString("F" + digits, CultureInfo.InvariantCulture);
            if (digits == 4 || text != limit.ToString("F" + digits, CultureInfo.InvariantCulture)) return text;
        }
    }
}
