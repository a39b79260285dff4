using System.CommandLine;
using SharpGan.Pretrained;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan pretrained fetch|list</c>: real pretrained networks, offline, in a cache outside the repository.</summary>
static class PretrainedCommand
{
    public static Command Create()
    {
        var fetch = new Command("fetch", "Export nsfwjs 4.4.0's MobileNetV2 and Inception-v3 (npm, MIT) into the cache as TF.js model.json + weights.bin");
        fetch.SetAction(parse => CliErrors.Run(() =>
        {
            try
            {
                AnsiConsole.Write(PretrainedCache.Fetch());
            }
            catch (InvalidOperationException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            return List();
        }));
        var list = new Command("list", "The pretrained models present in the cache");
        list.SetAction(parse => CliErrors.Run(List));
        return new Command("pretrained", "Pretrained networks that work offline") { fetch, list };
    }

    static int List()
    {
        var present = PretrainedCache.List();
        AnsiConsole.MarkupLineInterpolated($"cache: {PretrainedCache.Folder}");
        foreach (var name in PretrainedCache.Known)
        {
            var model = present.FirstOrDefault(m => m.Name == name);
            if (model is null) AnsiConsole.MarkupLineInterpolated($"  {name}: missing ({PretrainedCache.FetchCommand})");
            else AnsiConsole.MarkupLineInterpolated($"  {name}: {model.Bytes:N0} bytes of weights");
        }
        return 0;
    }
}
