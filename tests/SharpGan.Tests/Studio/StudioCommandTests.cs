using System.CommandLine;
using System.Text.RegularExpressions;
using SharpGan.Cli;
using SharpGan.Cli.Studio;
using SharpGan.Tests.Cli;
using SharpGan.Training;

namespace SharpGan.Tests.Studio;

/// <summary><c>sharpgan studio</c> as a user runs it: the export refreshed when stale, the address printed, served until cancelled.</summary>
[Collection(StudioCollection.Name)]
public class StudioCommandTests(StudioRuns runs)
{
    [Fact]
    public async Task A_stale_export_is_redone_the_real_port_is_printed_and_cancel_stops_the_server()
    {
        var run = runs.Plain.Run.Folder;
        var manifest = Path.Combine(run, StudioRun.ExportFolderName, "generator.json");
        var checkpoint = RunCheckpoints.LastOf(run);
        File.SetLastWriteTimeUtc(manifest, File.GetLastWriteTimeUtc(checkpoint).AddHours(-1));

        using var console = CliOutput.Capture();
        string Output() => console.Text;
        using var cancel = new CancellationTokenSource();
        var invocation = SharpGanCli.Build().Parse(["studio", run, "--port", "0"]).InvokeAsync(new InvocationConfiguration(), cancel.Token);
        var address = await Printed(Output, invocation);
        Assert.Contains($"exporting the generator to {Path.Combine(run, StudioRun.ExportFolderName)}", Output());
        Assert.True(File.GetLastWriteTimeUtc(manifest) >= File.GetLastWriteTimeUtc(checkpoint));
        Assert.NotEqual(0, address.Port);

        using var client = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri(address, "/api/info"))).StatusCode);
        cancel.Cancel();
        Assert.Equal(0, await invocation);
        Assert.Contains("studio stopped", Output());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(address, "/api/info")));
    }

    [Fact]
    public async Task On_ipv6_loopback_the_bracketed_address_is_printed_and_answers()
    {
        // Where this machine has no IPv6 loopback (some CI containers), there is nothing to bind: the test has no case.
        if (!HasIpv6Loopback()) return;
        using var console = CliOutput.Capture();
        string Output() => console.Text;
        using var cancel = new CancellationTokenSource();
        var invocation = SharpGanCli.Build().Parse(["studio", runs.Plain.Run.Folder, "--host", "::1", "--port", "0"]).InvokeAsync(new InvocationConfiguration(), cancel.Token);
        var address = await Printed(Output, invocation, @"http://\[::1\]:[0-9]+/");
        using var client = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri(address, "/api/info"))).StatusCode);
        cancel.Cancel();
        Assert.Equal(0, await invocation);
    }

    static bool HasIpv6Loopback()
    {
        if (!System.Net.Sockets.Socket.OSSupportsIPv6) return false;
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.IPv6Loopback, 0);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>The address from the line "studio for RUN (…) at http://127.0.0.1:PORT/" (or another
    /// <paramref name="address"/> pattern), once the command has printed it.</summary>
    static async Task<Uri> Printed(Func<string> output, Task<int> invocation, string address = @"http://127\.0\.0\.1:[0-9]+/")
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromMinutes(2))
        {
            var match = Regex.Match(output(), $@" at ({address})\n");
            if (match.Success) return new Uri(match.Groups[1].Value);
            if (invocation.IsCompleted) Assert.Fail($"the studio ended with {await invocation}: {output()}");
            await Task.WhenAny(invocation, Task.Delay(50));
        }
        throw new TimeoutException($"the studio printed no address: {output()}");
    }

    [Theory]
    [InlineData("--host", "example.com", "error: --host example.com: an IP address (127.0.0.1, 0.0.0.0, ::1, …)")]
    [InlineData("--port", "70000", "error: --port 70000: allowed 0..65535")]
    public async Task Bad_options_are_one_line(string option, string value, string message)
    {
        var (exit, text) = await CliOutput.Run("studio", runs.Plain.Run.Folder, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message + "\n", text);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_run_is_refused_by_name()
    {
        using var dir = new TempDir();
        var (exit, text) = await CliOutput.Run("studio", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {dir.Path}: no {Path.Combine("checkpoints", "last.ckpt")} (is it a run folder?)\n", text);
    }
}
