using SharpGan.Native;

namespace SharpGan.Tests.Native;

public class NoCollectionRegionTests
{
    [Fact]
    public void Another_threads_allocations_start_no_collection_inside_the_region()
    {
        int before;
        using (NoCollectionRegion.Enter())
        {
            Assert.True(NoCollectionRegion.Active);
            before = GC.CollectionCount(0);
            // What the batch prefetcher does while the training thread is inside libtorch: allocate batches.
            var prefetcher = new Thread(() =>
            {
                for (int i = 0; i < 200; i++) GC.KeepAlive(new byte[64 * 1024]);
            });
            prefetcher.Start();
            prefetcher.Join();
            using (NoCollectionRegion.Enter()) Assert.True(NoCollectionRegion.Active);   // nested: a no-op
            Assert.Equal(before, GC.CollectionCount(0));
            Assert.True(NoCollectionRegion.Active);
        }
        Assert.False(NoCollectionRegion.Active);
    }

    /// <summary>The collection a region starts with does not reclaim what earlier regions allocated; a training loop
    /// is nothing but regions, so without the ordinary collections after them every step's garbage stayed.</summary>
    [Fact]
    public void Garbage_made_inside_back_to_back_regions_is_reclaimed()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int step = 0; step < 400; step++)
            using (NoCollectionRegion.Enter())
                for (int i = 0; i < 3000; i++) GC.KeepAlive(new byte[100]);   // ~300 KB a step, as a training step makes
        long after = GC.GetTotalMemory(forceFullCollection: false);
        // 400 steps made ~120 MB of garbage; at most one collection interval of it may still be waiting.
        Assert.True(after - before < 2 * NoCollectionRegion.CollectAfterBytes, $"managed heap grew {(after - before) / 1e6:F0} MB");
    }
}
