using SharpGan.Cli;
using Spectre.Console;

namespace SharpGan.Tests.Cli;

/// <summary>Runs <c>sharpgan</c> with its console written to a string, for tests of what a user reads.</summary>
static class CliOutput
{
    /// <summary>The exit code and everything printed, without colour and without wrapping.</summary>
    public static async Task<(int Exit, string Text)> Run(params string[] args)
    {
        using var console = Capture();
        return (await SharpGanCli.InvokeAsync(args), console.Text);
    }

    /// <summary>The console written to a string until disposed, readable while a command still runs.</summary>
    public static Captured Capture() => new();

    public sealed class Captured : IDisposable
    {
        readonly IAnsiConsole previous = AnsiConsole.Console;
        readonly StringWriter written = new();
        readonly TextWriter text;

        public Captured()
        {
            text = TextWriter.Synchronized(written);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(text),
            });
            AnsiConsole.Console.Profile.Width = 100_000;
        }

        /// <summary>Everything printed so far: the synchronised writer locks itself for each write, so reading under
        /// the same lock sees whole lines.</summary>
        public string Text
        {
            get { lock (text) return written.ToString(); }
        }

        public void Dispose() => AnsiConsole.Console = previous;
    }
}
