using System.Diagnostics;

namespace SharpGan.Tests.Onnx;

/// <summary>A tool run to its end (dotnet, node, npm): exit code and everything it printed.</summary>
static class ChildProcess
{
    public static (int Exit, string Output) Run(string file, IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 180)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran past {timeoutSeconds} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
}
