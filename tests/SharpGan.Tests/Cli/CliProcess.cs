using System.Diagnostics;

namespace SharpGan.Tests.Cli;

/// <summary>
/// <c>sharpgan</c> as a user runs it: a child process of the built CLI (beside the tests' own assemblies), with its
/// own runtime, console and exit code — what messages look like, what a kill -9 leaves, what a new process decides.
/// </summary>
static class CliProcess
{
    static string Dll => Path.Combine(AppContext.BaseDirectory, "SharpGan.Cli.dll");

    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>Runs to the end (at most <paramref name="timeoutSeconds"/>) and returns the exit code and everything
    /// printed (stdout, then stderr), lines as the user's log file would hold them.</summary>
    public static (int Exit, string Output) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        using var process = Start(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sharpgan {string.Join(' ', args)} ran past {timeoutSeconds} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Fails when <paramref name="output"/> holds a .NET stack frame ("at Namespace.Type.Method(").</summary>
    public static void AssertNoStackTrace(string output) =>
        Assert.DoesNotMatch(@"\bat [A-Z][\w.`<>+]*\.[\w<>`]+\(", output);
}
