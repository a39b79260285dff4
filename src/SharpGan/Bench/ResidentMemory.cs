using System.Runtime.InteropServices;

namespace SharpGan.Bench;

/// <summary>This process's resident set and its peak as Linux counts them (/proc/self/status), with a way to restart
/// the peak (writing 5 to /proc/self/clear_refs), so a stretch of work can be measured on its own. Null elsewhere.</summary>
public static class ResidentMemory
{
    const string Status = "/proc/self/status";

    public static long? Bytes() => Field("VmRSS:");
    public static long? PeakBytes() => Field("VmHWM:");

    /// <summary>Starts the peak again from the current resident set, after handing the allocator's free memory back to
    /// the OS (glibc keeps what libtorch freed, so without it the resident set before a measurement holds the last
    /// one's high water and a smaller step appears to need nothing); false where the OS does not allow it.</summary>
    public static bool ResetPeak()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // musl and other C libraries without malloc_trim: the peak is then measured from what is held.
            }
        }
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static long? Field(string name)
    {
        if (!File.Exists(Status)) return null;
        foreach (var line in File.ReadLines(Status))
            if (line.StartsWith(name, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return null;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
