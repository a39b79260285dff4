using System.CommandLine;
using SharpGan.Cli.Commands;

var root = new RootCommand("SharpGan: train GANs on a folder of images, then sample, inspect and benchmark them.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    InfoCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
