using System.CommandLine;
using System.Net;
using SharpGan.Cli.Studio;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan studio RUN</c>: a local web page to explore a run's generator (grids, variations,
/// interpolations, classes, tags, masks, pix2pix drawings) over its ONNX export; docs/studio.md.</summary>
static class StudioCommand
{
    public static Command Create()
    {
        var runFolder = new Argument<string>("run") { Description = "The run folder" };
        var port = new Option<int>("--port") { Description = "Port to serve on (0: any free port)", DefaultValueFactory = _ => 0 };
        var host = new Option<string>("--host") { Description = "Address to listen on (an IP address); default 127.0.0.1, this machine only", DefaultValueFactory = _ => "127.0.0.1" };
        var segmenter = new Option<string?>("--segmenter") { Description = "A segmenter .safetensors (sharpgan segment train): a mask run's pictures are scored by IoU against the painted mask" };
        var device = DeviceOption.Create();
        var command = new Command("studio", "Serve a web page to explore a run's generator, on this machine until Ctrl+C") { runFolder, port, host, segmenter, device };
        command.SetAction((parse, cancel) => CliErrors.Run(async () =>
        {
            int portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535) throw new ArgumentException($"--port {portNumber}: allowed 0..65535");
            var hostText = parse.GetValue(host)!;
            if (!IPAddress.TryParse(hostText, out var address))
                throw new ArgumentException($"--host {hostText}: an IP address (127.0.0.1, 0.0.0.0, ::1, …)");
            using var run = StudioRun.Open(parse.GetValue(runFolder)!, parse.GetValue(segmenter), parse.GetValue(device)!);
            await using var server = await Listen(run, address, portNumber);
            if (!IPAddress.IsLoopback(address))
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning: listening on {hostText}: anyone who can reach this machine can use the studio (it has no login)[/]");
            AnsiConsole.MarkupLineInterpolated($"studio for {run.Folder} ({run.Generator.Kind}, {run.Generator.ImageSize} px, {run.Device}) at {server.Address.ToString()}");   // as text: Spectre escapes only strings, and "[::1]" would read as a style
            AnsiConsole.MarkupLine("[grey]Ctrl+C to stop[/]");
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
            }
            AnsiConsole.MarkupLine("[grey]studio stopped[/]");
            return 0;
        }));
        return command;
    }

    /// <summary>The server on --host and --port; an address this machine does not have is the user's input, said so.</summary>
    static async Task<StudioServer> Listen(StudioRun run, IPAddress address, int port)
    {
        try
        {
            return await StudioServer.Start(run, address, port);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ArgumentException($"--host {address}: cannot listen there ({e.Message})", e);
        }
        catch (IOException e) when (e.InnerException?.GetType().Name == "AddressInUseException")
        {
            // Kestrel's "Failed to bind to address …": the port is the user's choice, so say which option to change.
            throw new ArgumentException($"--port {port}: another program listens on it; give another, or --port 0 for any free one", e);
        }
    }
}
