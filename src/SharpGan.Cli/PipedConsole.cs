using Spectre.Console;

namespace SharpGan.Cli;

/// <summary>
/// The console when stdout is a file, a pipe or CI's log rather than a terminal. Spectre.Console then assumes 80
/// columns and hard-wraps every longer line, which splits error messages and epoch lines and breaks the Markdown
/// table <c>compare</c> prints; piped, a line is as long as it is. Nothing live either: the progress bar redraws in
/// place, which a log can only show as noise, so training prints its one line per epoch alone.
/// </summary>
static class PipedConsole
{
    /// <summary>Wider than any line SharpGan prints, so Spectre never wraps (it renders tables to their content's width).</summary>
    const int Unwrapped = 100_000;

    public static void Adapt()
    {
        if (!Console.IsOutputRedirected) return;
        AnsiConsole.Profile.Width = Unwrapped;
        AnsiConsole.Profile.Capabilities.Interactive = false;
    }
}
