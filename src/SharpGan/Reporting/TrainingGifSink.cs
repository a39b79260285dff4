using ImageMagick;
using SharpGan.Training;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>
/// training.gif at the end of a run: every epoch's grid in order (the flower GAN's training animation), or, for runs longer
/// than <paramref name="maxFrames"/> epochs, that many grids evenly spaced from the first to the last.
/// </summary>
public sealed class TrainingGifSink(int frameMilliseconds, int maxFrames) : ITrainingSink
{
    public static readonly IReadOnlyList<string> Files = ["training.gif"];

    public IReadOnlyList<string> Outputs => Files;

    public void OnEpoch(EpochReport report) { }

    public void OnFinish(RunInfo run, TrainOutcome outcome)
    {
        var frames = Directory.Exists(Path.Combine(run.Directory, "samples"))
            ? Directory.GetFiles(Path.Combine(run.Directory, "samples"), "epoch_*.png").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (frames.Length > 0)
            AtomicFile.Write(Path.Combine(run.Directory, "training.gif"), Encode(EvenlySpaced(frames, maxFrames), frameMilliseconds));
    }

    /// <summary>At most <paramref name="count"/> items, always keeping the first and the last.</summary>
    public static IReadOnlyList<T> EvenlySpaced<T>(IReadOnlyList<T> items, int count)
    {
        if (items.Count <= count) return items;
        if (count == 1) return [items[^1]];
        return Enumerable.Range(0, count).Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(count - 1))]).ToArray();
    }

    public static byte[] Encode(IReadOnlyList<string> pngFiles, int frameMilliseconds)
    {
        using var gif = new MagickImageCollection();
        foreach (var file in pngFiles)
        {
            var frame = new MagickImage(file) { AnimationDelay = (uint)Math.Max(1, frameMilliseconds / 10) };
            gif.Add(frame);
        }
        gif[^1].AnimationDelay = (uint)Math.Max(1, frameMilliseconds / 10) * 10;  // linger on the final grid
        gif.Quantize(new QuantizeSettings { Colors = 256, DitherMethod = DitherMethod.No });
        gif.Optimize();
        return gif.ToByteArray(MagickFormat.Gif);
    }
}
