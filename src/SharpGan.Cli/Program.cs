return await SharpGan.Cli.SharpGanCli.Build().Parse(args).InvokeAsync();
