using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace SharpGan.Cli;

/// <summary>
/// Help's usage lines name the command a user types. System.CommandLine names the root after the entry assembly,
/// SharpGan.Cli, which cannot simply become "sharpgan": beside the library's SharpGan.dll the two would be one file
/// on the case-insensitive disks of Windows and macOS. So help is written as usual, then its usage lines get the tool's name.
/// </summary>
static class ToolName
{
    /// <summary>As <c>ToolCommandName</c> in SharpGan.Cli.csproj installs it.</summary>
    public const string Name = "sharpgan";

    public static RootCommand Apply(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new Help((HelpAction)help.Action!);
        return root;
    }

    sealed class Help(HelpAction standard) : SynchronousCommandLineAction
    {
        // As the standard help: `train --help` without train's required options shows help, not their errors.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parse)
        {
            var invocation = parse.InvocationConfiguration;
            var console = invocation.Output;
            var text = new StringWriter();
            invocation.Output = text;
            int exit;
            try { exit = standard.Invoke(parse); }
            finally { invocation.Output = console; }
            var usage = new Regex($@"(?m)^(\s+){Regex.Escape(RootCommand.ExecutableName)}(?=\s|$)");
            console.Write(usage.Replace(text.ToString(), "${1}" + Name));
            return exit;
        }
    }
}
