using SharpGan.Data;
using SharpGan.TaskEvaluation;

namespace SharpGan.Tests.TaskEvaluation;

public class InkBandsTests
{
    [Fact]
    public void Held_out_pairs_split_into_thirds_by_ink_with_their_mean_l1()
    {
        string[] lines = ["file,kind,ink", "a.png,edges,0.01", "b.png,edges,0.02", "c.png,edges,0.05", "d.png,edges,0.06", "sub/e.png,edges,0.10", "f.png,edges,0.12"];
        PairScore[] scores = [new("B/f.png", 0.1), new("B/a.png", 0.5), new("B/sub/e.png", 0.2), new("B/b.png", 0.3), new("B/c.png", 0.2), new("B/d.png", 0.4)];
        var bands = InkBands.Of("pairs.csv", lines, scores);
        Assert.Equal(["sparse", "medium", "dense"], bands.Select(b => b.Name));
        Assert.Equal([2, 2, 2], bands.Select(b => b.Pairs));
        Assert.Equal([0.01, 0.02, 0.4], [bands[0].MinInk, bands[0].MaxInk, bands[0].MeanL1]);
        Assert.Equal(0.15, bands[2].MeanL1, 9);   // e (sub/) and f
        var e = Assert.Throws<DataException>(() => InkBands.Of("pairs.csv", lines, [new("B/zzz.png", 1)]));
        Assert.Contains("'B/zzz.png'", e.Message);
    }

}
