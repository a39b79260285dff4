namespace SharpGan.Tests;

/// <summary>This process's resident set as the OS counts it (VmRSS), with nothing collected or trimmed first.</summary>
static class ResidentSet
{
    public static long Bytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }
}
