using SharpGan.Reporting;

namespace SharpGan.Tests.Reporting;

public class TrainingGifSinkTests
{
    [Theory]
    [InlineData(5, 10, "0,1,2,3,4")]
    [InlineData(10, 4, "0,3,6,9")]
    [InlineData(500, 3, "0,250,499")]
    public void Long_runs_keep_evenly_spaced_frames_from_first_to_last(int epochs, int max, string expected)
    {
        var frames = Enumerable.Range(0, epochs).ToArray();
        Assert.Equal(expected, string.Join(",", TrainingGifSink.EvenlySpaced(frames, max)));
    }
}
