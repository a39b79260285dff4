using System.Runtime;

namespace SharpGan.Native;

/// <summary>
/// Work during which the runtime collects no garbage. TorchSharp 0.107 hands a temporary <c>Scalar</c>'s handle to
/// libtorch without keeping the Scalar alive (every <c>x.mul_(0.5)</c>, and seven per parameter in each Adam step);
/// if a collection runs during that native call, the Scalar's finalizer frees what libtorch is reading and the run
/// dies with "Unknown scalar type" or "Expected false to be true ... toLong" (seen here after 250 and 5,400 steps).
/// A collection starts only when some thread allocates — while the training thread is inside libtorch, that is the
/// batch prefetcher or a progress display. Inside this region none starts unless its threads together allocate more
/// than the budget; collections happen between regions, where the training thread holds no Scalar.
/// </summary>
/// <remarks>
/// The blocking collection that <see cref="GC.TryStartNoGCRegion(long, bool)"/> runs on entry does not reclaim what
/// the previous region allocated (.NET 10, workstation GC with regions; related: dotnet/runtime#97600). A loop of
/// regions that never lets an ordinary collection run keeps every object it ever made: 450 MB per 1,000 regions of
/// 300 KB garbage each in a plain console repro, and the training loop's resident set grew ~1.4 MB an epoch on the
/// built-in flowers. So after a region ends, once all threads together have allocated
/// <see cref="CollectAfterBytes"/> since the last ordinary collection, one runs there, outside any region.
/// </remarks>
internal sealed class NoCollectionRegion : IDisposable
{
    /// <summary>Managed bytes all threads may allocate inside one region (a step allocates a few hundred KiB).</summary>
    public const long Budget = 64L << 20;

    /// <summary>Allocations between the ordinary collections run after regions: about 50 training steps at 32 px.</summary>
    public const long CollectAfterBytes = 16L << 20;

    static long allocatedAtLastCollection;

    readonly bool started;

    NoCollectionRegion(bool started) => this.started = started;

    /// <summary>Enters a region; inside another one it is a no-op (regions do not nest).</summary>
    public static NoCollectionRegion Enter() =>
        new(GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(Budget, disallowFullBlockingGC: true));

    /// <summary>True while collections are held off (false once the budget ran out and one ran anyway).</summary>
    public static bool Active => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    public void Dispose()
    {
        if (!started) return;
        if (Active) GC.EndNoGCRegion();
        if (GC.GetTotalAllocatedBytes() - Volatile.Read(ref allocatedAtLastCollection) < CollectAfterBytes) return;
        GC.Collect();
        Volatile.Write(ref allocatedAtLastCollection, GC.GetTotalAllocatedBytes());
    }
}
