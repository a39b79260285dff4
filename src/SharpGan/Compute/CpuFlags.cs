namespace SharpGan.Compute;

/// <summary>The CPU's model name and feature flags, from /proc/cpuinfo (empty elsewhere).</summary>
public sealed record CpuFlags(string Model, IReadOnlySet<string> Flags)
{
    /// <summary>The flags that decide SharpGan's fast paths, in the order they are printed.</summary>
    public static readonly string[] Notable = ["avx2", "avx512f", "avx512_bf16", "amx_bf16"];

    public static CpuFlags Current { get; } = Read("/proc/cpuinfo");

    public static CpuFlags Read(string cpuinfo)
    {
        if (!File.Exists(cpuinfo)) return new CpuFlags("unknown", new HashSet<string>());
        var lines = File.ReadLines(cpuinfo).Take(64).ToList();
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        return new CpuFlags(Field("model name") is { Length: > 0 } m ? m : "unknown", Field("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
    }

    /// <summary>bf16 dot products in hardware (AVX-512 BF16 or AMX): without them oneDNN emulates bf16 and it is slower than fp32.</summary>
    public bool HasNativeBf16 => Flags.Contains("avx512_bf16") || Flags.Contains("amx_bf16");

    public override string ToString() => $"{Model} [{string.Join(' ', Notable.Where(Flags.Contains))}]";
}
