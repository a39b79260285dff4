using System.Runtime.InteropServices;

namespace SharpGan.Native;

/// <summary>
/// Keeps the memory libtorch frees inside the process for its next tensors. libtorch's CPU tensors come from the C
/// library's <c>malloc</c>, and glibc hands any block over 32 MB (and, by default, the free top of its heap over
/// 128 KB) back to the system as soon as it is freed; the next tensor of that size is then paged in afresh, one
/// zeroed 4 KB page per fault. On this project's 2-core virtual machines a fault costs about 8 µs, and the bench's
/// fp32 DCGAN step at 64 px paged in 52,000 pages a step: 1.22 s a step, 0.78 s with freed memory kept
/// (docs/performance.md, "Memory the C library hands back"). PyTorch's CPU tuning guide reaches the same end by
/// preloading jemalloc or tcmalloc; SharpGan tells glibc itself (<c>mallopt</c>): no blocks of their own mapping
/// (<c>M_MMAP_MAX</c> 0) and no trimming of the heap's top below 2 GB (<c>M_TRIM_THRESHOLD</c>), so the resident set
/// stays near the work's high-water mark instead of following every step down and up. A block over 64 MB asked for
/// on a thread with an arena of its own is still mapped (glibc's per-thread heaps end there).
/// </summary>
/// <remarks>Process-wide and meant for a process that computes with SharpGan (the CLI calls it first thing); a host
/// application decides for itself. <c>SHARPGAN_NATIVE_HEAP=system</c> leaves the C library's defaults, and so does a
/// user's own setting of what this changes (<c>MALLOC_MMAP_MAX_</c> and the like, or a <c>glibc.malloc</c> tunable).</remarks>
public static class NativeHeap
{
    /// <summary>The environment variable that chooses: <c>keep</c> (the default) or <c>system</c>.</summary>
    public const string Variable = "SHARPGAN_NATIVE_HEAP";

    const int TrimThreshold = -1, MmapMax = -4;   // glibc's <malloc.h>
    const int KeptTopBytes = int.MaxValue;

    // A user's own settings of what this changes, or of huge pages for the heap, win.
    static readonly string[] OwnSettings = ["MALLOC_MMAP_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"];
    static readonly string[] OwnTunables = ["glibc.malloc.mmap_max", "glibc.malloc.mmap_threshold", "glibc.malloc.trim_threshold",
        "glibc.malloc.top_pad", "glibc.malloc.hugetlb"];

    static readonly Lock Gate = new();
    static string? state;

    /// <summary>What the process's heap does with freed memory, in words (for logs and the bench); null before
    /// <see cref="KeepFreedMemory"/>.</summary>
    public static string? State => state;

    /// <summary>Tells glibc to keep freed memory, unless the environment says otherwise; idempotent.</summary>
    /// <returns>Null when done or left as asked; otherwise the one-line problem with <see cref="Variable"/>'s value.</returns>
    public static string? KeepFreedMemory()
    {
        lock (Gate)
        {
            var (decision, problem) = Decide(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? ""));
            if (problem is not null) return problem;
            state ??= decision ?? Apply();
            return null;
        }
    }

    /// <summary>What the environment asks: null to keep freed memory, or the reason the C library's defaults stay;
    /// a problem for a value of <see cref="Variable"/> that means neither.</summary>
    internal static (string? LeftBecause, string? Problem) Decide(IReadOnlyDictionary<string, string> environment)
    {
        var chosen = environment.GetValueOrDefault(Variable, "").Trim();
        if (chosen is not ("" or "keep" or "system"))
            return (null, $"{Variable}={chosen}: expected keep (the default) or system");
        if (chosen == "system")
            return ($"the C library's defaults ({Variable}=system)", null);
        if (OwnSettings.FirstOrDefault(environment.ContainsKey) is { } own)
            return ($"the C library's, as {own} sets it", null);
        var tunables = environment.GetValueOrDefault("GLIBC_TUNABLES", "");
        if (OwnTunables.FirstOrDefault(t => tunables.Contains(t, StringComparison.Ordinal)) is { } tunable)
            return ($"the C library's, as GLIBC_TUNABLES' {tunable} sets it", null);
        return (null, null);
    }

    static string Apply()
    {
        if (!OperatingSystem.IsLinux()) return "the system's";
        try
        {
            _ = GnuLibcVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "the C library's (not glibc)";
        }
        return MallOpt(MmapMax, 0) == 1 && MallOpt(TrimThreshold, KeptTopBytes) == 1
            ? "glibc, freed memory kept for the next tensors"
            : "the C library's (glibc refused mallopt)";
    }

    [DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    static extern IntPtr GnuLibcVersion();

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);
}
