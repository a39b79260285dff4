using System.CommandLine;
using SharpGan.Config;
using SharpGan.Data;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>
/// Turns failures into one red line. Expected ones — bad config, data, paths, damaged or unwritable files — exit
/// with code 2 and their message, which names the file or key. Anything else is a bug: still one line, exit code 1,
/// with the trace only under <c>--verbose</c>. No stack trace reaches a user who did not ask for it.
/// </summary>
static class CliErrors
{
    /// <summary>Global: print the stack trace of an unexpected failure.</summary>
    public static readonly Option<bool> VerboseOption = new("--verbose") { Description = "On an unexpected error, print its stack trace", Recursive = true };

    public static bool Verbose { get; set; }

    /// <summary>The shell's code for a command ended by SIGINT (128 + 2), as train exits after Ctrl+C.</summary>
    public const int Interrupted = 130;

    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception thrown)
        {
            var e = Unwrapped(thrown);
            if (e is OperationCanceledException)
            {
                // Ctrl+C: what was written so far stays (a run resumes from its checkpoint; a data tool's next run clears what it listed).
                AnsiConsole.MarkupLine("[yellow]interrupted[/]");
                return Interrupted;
            }
            if (Expected(e))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message} ({e.GetType().Name}; a SharpGan bug — {(Verbose ? "trace below" : "run again with --verbose for the trace")})");
            if (Verbose) AnsiConsole.WriteLine(e.ToString());
            return 1;
        }
    }

    public static int Run(Func<int> body) => Run(() => Task.FromResult(body())).GetAwaiter().GetResult();

    /// <summary>The failure inside a task's wrapper; parallel work (data prepare's threads) fails once per thread with
    /// the same input problem, and the first of those says why.</summary>
    static Exception Unwrapped(Exception thrown) =>
        thrown is AggregateException aggregate && aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && (inner.Count == 1 || inner.All(e => Expected(e) || e is OperationCanceledException))
            ? inner.FirstOrDefault(e => e is not OperationCanceledException) ?? inner[0]   // a real problem before the others' cancellation
            : thrown;

    /// <summary>Failures of the user's input or machine (IOException covers disk full and damaged checkpoints).</summary>
    static bool Expected(Exception e) => e is ConfigException or DataException or IOException or UnauthorizedAccessException
        or InvalidDataException or ArgumentException or FormatException or SharpGan.Export.OnnxExportException;
}
