using SharpGan.Cli;
using Spectre.Console;

namespace SharpGan.Tests.Cli;

/// <summary>Runs <c>sharpgan</c> with its console written to a string, for tests of what a user reads.</summary>
static class CliOutput
{
    /// <summary>The exit code and everything printed, without colour and without wrapping.</summary>
    public static async Task<(int Exit, string Text)> Run(params string[] args)
    {
        var previous = AnsiConsole.Console;
        var text = new StringWriter();
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(text),
        });
        AnsiConsole.Console.Profile.Width = 100_000;
        try
        {
            return (await SharpGanCli.InvokeAsync(args), text.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
