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
}
