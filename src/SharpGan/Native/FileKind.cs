using System.Runtime.InteropServices;

namespace SharpGan.Native;

/// <summary>
/// What kind of file a path names, read with stat(2) before anything opens it: opening a FIFO blocks until someone
/// writes to it, so a FIFO, socket or device given where a file is read must be turned away by its type. Every room
/// that reads a user's file asks here (Data's <see cref="Data.InputFile"/> words it for folder listings).
/// </summary>
internal static class FileKind
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file, or null when it is a regular file (or a link to one).</summary>
    public static string? Problem(string path)
    {
        // Windows has no FIFOs among folder entries; its links fail on open with a message of their own.
        if (OperatingSystem.IsWindows()) return null;
        var status = new byte[StatusBytes];
        if (Stat(path, status) == 0) return Kind(BitConverter.ToInt32(status, ModeOffset));
        // lstat succeeds where stat failed: the entry is a link whose target is gone (or a loop of links).
        return LStat(path, status) == 0 ? "dangling symbolic link" : "no such file";
    }

    /// <summary>The words for a file type bits of st_mode; null for a regular file.</summary>
    internal static string? Kind(int mode) => (mode & 0xF000) switch
    {
        0x8000 => null,
        0x1000 => "not a regular file (FIFO)",
        0xC000 => "not a regular file (socket)",
        0x2000 => "not a regular file (character device)",
        0x6000 => "not a regular file (block device)",
        0x4000 => "a folder, not a file",
        _ => "not a regular file",
    };

    // System.Native is the runtime's own layer over stat(2) (FileInfo uses it): its FileStatus starts with Flags and
    // Mode as two int32s on every Unix, where libc's struct stat differs by architecture. The buffer is larger than
    // the struct in any runtime so far.
    const int StatusBytes = 256, ModeOffset = 4;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    static extern int Stat(string path, byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi)]
    static extern int LStat(string path, byte[] status);
}
