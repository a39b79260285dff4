using System.CommandLine;
using System.CommandLine.Parsing;

namespace SharpGan.Cli.Commands;

/// <summary>
/// An output option checked as the command line is read: one that names a folder must not name a file, one that names
/// a file must not name a folder. Otherwise the mix-up surfaces only when the first file is written — after the
/// decoding, training or evaluation before it — in .NET's words ("The file '…' already exists").
/// </summary>
static class OutputPath
{
    public static Option<T> Folder<T>(this Option<T> option)
    {
        option.Validators.Add(result => Check(result, option.Name, folder: true));
        return option;
    }

    public static Argument<T> Folder<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result => Check(result, argument.Name, folder: true));
        return argument;
    }

    public static Option<T> File<T>(this Option<T> option)
    {
        option.Validators.Add(result => Check(result, option.Name, folder: false));
        return option;
    }

    static void Check(SymbolResult result, string name, bool folder)
    {
        foreach (var token in result.Tokens)
        {
            if (folder && System.IO.File.Exists(token.Value))
                result.AddError($"{name} {token.Value}: is a file, not a folder");
            else if (!folder && Directory.Exists(token.Value))
                result.AddError($"{name} {token.Value}: is a folder, not a file");
        }
    }
}
