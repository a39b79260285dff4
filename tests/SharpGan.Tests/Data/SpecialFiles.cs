using System.Diagnostics;

namespace SharpGan.Tests.Data;

/// <summary>Folder entries that are not regular files, made for real: a FIFO (mkfifo) and a link to nothing.</summary>
static class SpecialFiles
{
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    public static string DanglingLink(string path)
    {
        File.CreateSymbolicLink(path, path + ".gone");
        return path;
    }

    /// <summary>Runs <paramref name="work"/> and fails, rather than hanging the suite, if it has not finished in a minute
    /// (opening a FIFO blocks until someone writes to it).</summary>
    public static T Within<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(TimeSpan.FromMinutes(1)), "still running after a minute: did it open a FIFO?");
        return task.Result;
    }

    /// <summary><see cref="Within{T}(Func{T})"/> for work that is awaited.</summary>
    public static Task<T> Within<T>(Func<Task<T>> work) => Task.Run(work).WaitAsync(TimeSpan.FromMinutes(1));
}
