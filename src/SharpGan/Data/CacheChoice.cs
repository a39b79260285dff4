namespace SharpGan.Data;

/// <summary>data.cache decided for one load: the decoded pictures in memory or in a cache file on disk, and why.</summary>
internal sealed record CacheChoice(bool OnDisk, string Reason)
{
    /// <summary>The share of physical memory a decoded set may take before <c>auto</c> puts it on disk: a quarter
    /// leaves the rest to the networks, their optimisers, libtorch's buffers and whatever else runs on the machine.</summary>
    public const double RamShare = 0.25;

    /// <summary><paramref name="mode"/> (auto, memory or disk) for <paramref name="decodedBytes"/> of pictures on a
    /// machine with <paramref name="ramBytes"/> of memory.</summary>
    public static CacheChoice For(string mode, long decodedBytes, long ramBytes)
    {
        var sizes = $"{Gb(decodedBytes)} decoded, {Gb(ramBytes)} RAM";
        return mode switch
        {
            "memory" => new(false, $"data.cache memory ({sizes})"),
            "disk" => new(true, $"data.cache disk ({sizes})"),
            _ when decodedBytes > RamShare * ramBytes => new(true, $"data.cache auto: {sizes}, over {RamShare * 100:0} % of RAM"),
            _ => new(false, $"data.cache auto: {sizes}, within {RamShare * 100:0} % of RAM"),
        };
    }

    /// <summary>The memory this process may use: the machine's, or its container's limit.</summary>
    public static long Ram => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    static string Gb(long bytes) => $"{bytes / 1e9:0.##} GB";
}
