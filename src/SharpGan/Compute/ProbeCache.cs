using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SharpGan.Config;

namespace SharpGan.Compute;

/// <summary>
/// The compute probe's timings, remembered per machine: one small JSON file per key of CPU model, CPU flags, torch
/// threads, TorchSharp version and what the C library's heap does with freed memory (<see cref="Native.NativeHeap"/>:
/// paging tensors in afresh slowed some candidates more than others), in the user's cache. A 0.2 s timing on a shared machine can rank two close
/// policies either way, so deciding <c>auto</c> afresh in every process made one seed give different bits from one
/// run to the next; with the timing remembered, the same command and seed repeat on one machine. The first process to
/// write a key wins, so two runs started together still agree. Delete the folder to probe again.
/// </summary>
internal sealed class ProbeCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary><c>$XDG_CACHE_HOME/sharpgan/compute</c> (<c>~/.cache/sharpgan/compute</c>), or <c>$SHARPGAN_COMPUTE_CACHE</c>.</summary>
    public static ProbeCache Default => new(UserCache.Folder("compute", "SHARPGAN_COMPUTE_CACHE"));

    /// <summary>What identifies "this machine" for a probe.</summary>
    public static string Key(CpuFlags cpu, int threads) =>
        $"{cpu.Model} | {string.Join(' ', cpu.Flags.Order(StringComparer.Ordinal))} | {threads} threads | TorchSharp {TorchSharpVersion} | heap {Native.NativeHeap.State ?? "the C library's"}";

    /// <summary>The remembered timings for this key, or <paramref name="probe"/>'s, remembered for next time.</summary>
    public ProbeTimes TimesFor(CpuFlags cpu, int threads, Func<ProbeTimes> probe)
    {
        var key = Key(cpu, threads);
        var file = Path.Combine(Directory, $"probe-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}.json");
        if (Read(file, key) is { } remembered) return remembered;
        var measured = probe();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (File.Exists(file)) File.Delete(file);   // unreadable or of another key: replaced, not trusted
            var temp = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(Entry.Of(key, measured)));
            try
            {
                File.Move(temp, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temp);   // another process wrote it first: its timing is the one every run uses
                if (Read(file, key) is { } first) return first;
            }
            return measured with { Origin = $"measured now, remembered in {file}" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return measured with { Origin = $"measured now, not remembered ({e.Message})" };
        }
    }

    static ProbeTimes? Read(string file, string key)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(file));
            return entry is not null && entry.Key == key && entry.Timings.Any(t => !t.ChannelsLast && !t.Bf16) ? entry.ToTimes(file) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or ArgumentException)
        {
            return null;   // absent, or a file no run could use: probe again and replace it
        }
    }

    static string TorchSharpVersion => typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    sealed record Timing(bool ChannelsLast, bool Bf16, double Seconds);

    sealed record Entry(string Key, DateTime MeasuredUtc, List<Timing> Timings)
    {
        public static Entry Of(string key, ProbeTimes times) =>
            new(key, DateTime.UtcNow, [.. times.Seconds.Select(p => new Timing(p.Key.ChannelsLast, p.Key.Bf16, p.Value))]);

        public ProbeTimes ToTimes(string file) => new(
            Timings.ToDictionary(t => new ComputePolicy(t.ChannelsLast, t.Bf16), t => t.Seconds),
            $"of {MeasuredUtc:yyyy-MM-dd HH:mm} UTC, remembered in {file}");
    }
}
