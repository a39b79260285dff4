using System.Diagnostics;
using SharpGan.DataTools;

namespace SharpGan.Bench;

/// <summary>Files per second of <c>data prepare</c> with one thread and with every core, one after the other in each round.</summary>
public static class PrepareBench
{
    public sealed record Result(string Method, int Files, double BestSeconds)
    {
        public double FilesPerSecond => Files / BestSeconds;
    }

    public static IReadOnlyList<Result> Run(string input, PrepareOptions options, int rounds, Action<string>? log = null)
    {
        var methods = new[] { ("1 thread", 1), ($"{Environment.ProcessorCount} threads", 0) };
        var best = methods.Select(_ => double.MaxValue).ToArray();
        int files = 0;
        for (int round = 0; round < rounds; round++)
            for (int m = 0; m < methods.Length; m++)
            {
                log?.Invoke($"round {round + 1}/{rounds}: {methods[m].Item1}");
                var output = Path.Combine(Path.GetTempPath(), $"sharpgan-bench-prepare-{Guid.NewGuid():N}");
                try
                {
                    var clock = Stopwatch.StartNew();
                    files = PrepareFolder.Run(input, output, options with { Threads = methods[m].Item2 }).Count;
                    best[m] = Math.Min(best[m], clock.Elapsed.TotalSeconds);
                }
                finally
                {
                    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
                }
            }
        return methods.Select((m, i) => new Result(m.Item1, files, best[i])).ToList();
    }
}
