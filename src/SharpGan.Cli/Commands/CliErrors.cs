using SharpGan.Config;
using SharpGan.Data;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>Turns the library's expected failures into one red line and exit code 2; anything else is a bug and keeps its stack.</summary>
static class CliErrors
{
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is ConfigException or DataException or FileNotFoundException or DirectoryNotFoundException
                                       or InvalidDataException or ArgumentException or FormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }

    public static int Run(Func<int> body) => Run(() => Task.FromResult(body())).GetAwaiter().GetResult();
}
