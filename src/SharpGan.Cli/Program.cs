using System.CommandLine;

// Ctrl+C cancels the training token; the trainer then finishes its step, writes a checkpoint and the GIF. The
// default grace of 2 s would kill it half way, so give it the time a large step plus a checkpoint can take.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
SharpGan.Cli.PipedConsole.Adapt();
return await SharpGan.Cli.SharpGanCli.InvokeAsync(args, invocation);
