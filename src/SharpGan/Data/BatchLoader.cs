using System.Threading.Channels;

namespace SharpGan.Data;

/// <summary>
/// Serves an <see cref="ImageSet"/> as shuffled batches. A background task gathers the next batches' bytes while
/// the trainer works; the main thread only turns bytes into tensors (one copy and one scale), so it never waits
/// on decoding or shuffling. The order of epoch e depends only on (seed, e), which makes a resumed run exact.
/// </summary>
internal sealed class BatchLoader(ImageSet images, int batchSize, long seed)
{
    const int Prefetch = 2;

    public ImageSet Images => images;

    /// <summary>Full batches, plus the remainder when it has at least two images (BatchNorm needs two).</summary>
    public int StepsPerEpoch => Math.Max(1, images.Count / batchSize + (images.Count % batchSize >= 2 && images.Count > batchSize ? 1 : 0));

    /// <summary>The image order of one epoch: a permutation seeded by (seed, epoch) alone.</summary>
    public int[] Order(int epoch)
    {
        var order = Enumerable.Range(0, images.Count).ToArray();
        // HashCode.Combine is salted per process; a resumed run needs the same order in a new process.
        new Random(unchecked((int)(seed * 1_000_003 + epoch))).Shuffle(order);
        return order;
    }

    /// <summary>The batches of <paramref name="epoch"/> from step <paramref name="firstStep"/> on, as host bytes: the
    /// caller makes tensors of them inside its own dispose scope.</summary>
    public IEnumerable<HostBatch> Epoch(int epoch, int firstStep = 0, CancellationToken cancel = default)
    {
        var order = Order(epoch);
        int steps = StepsPerEpoch;
        var ready = Channel.CreateBounded<(byte[] Rgb, byte[] Alpha, int Count, long[]? Labels, float[]? Tags, byte[]? Inputs)>(Prefetch);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (int step = firstStep; step < steps; step++)
                {
                    int start = step * batchSize;
                    int count = Math.Min(batchSize, images.Count - start);
                    int plane = images.Size * images.Size;
                    var (rgb, alpha) = (new byte[count * 3 * plane], new byte[count * plane]);
                    images.Gather(order.AsSpan(start, count), rgb, alpha);
                    var indices = order.AsSpan(start, count);
                    var (labels, tags, inputs) = (images.LabelsOf(indices), images.TagsOf(indices), images.InputsOf(indices));
                    await ready.Writer.WriteAsync((rgb, alpha, count, labels, tags, inputs), stop.Token);
                }
                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            while (true)
            {
                (byte[] Rgb, byte[] Alpha, int Count, long[]? Labels, float[]? Tags, byte[]? Inputs) item;
                try
                {
                    if (!ready.Reader.WaitToReadAsync(cancel).AsTask().GetAwaiter().GetResult()) yield break;
                    if (!ready.Reader.TryRead(out item)) continue;
                }
                catch (OperationCanceledException) { yield break; }
                yield return new HostBatch(item.Rgb, item.Alpha, item.Count, images.Size, item.Labels, item.Tags, item.Inputs);
            }
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
        }
    }
}
