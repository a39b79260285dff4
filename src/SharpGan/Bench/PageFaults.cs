namespace SharpGan.Bench;

/// <summary>This process's minor page faults so far, as Linux counts them (/proc/self/stat): the pages the system
/// had to hand over afresh, which is what a freed tensor costs when the C library gave its memory back
/// (<see cref="Native.NativeHeap"/>). Null elsewhere.</summary>
public static class PageFaults
{
    const string Stat = "/proc/self/stat";

    public static long? Minor()
    {
        if (!File.Exists(Stat)) return null;
        var text = File.ReadAllText(Stat);
        // pid (comm) state ppid …: the name may hold spaces and parentheses, so fields count from its last ')'; minflt
        // is the tenth field of the line, the eighth after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 7 && long.TryParse(fields[7], out var minor) ? minor : null;
    }
}
