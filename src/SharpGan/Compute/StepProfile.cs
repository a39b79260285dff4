using System.Diagnostics;

namespace SharpGan.Compute;

/// <summary>
/// Where a training step's time goes, for <c>sharpgan bench --profile</c>: named spans, timed with a stopwatch while a
/// recording runs and costing one null check otherwise. libtorch computes synchronously on the CPU, so a span's wall
/// time is its work; spans may nest (a weight cast inside a forward), so their shares are not meant to add up.
/// </summary>
public static class StepProfile
{
    static volatile Recording? recording;

    /// <summary>Starts recording until the returned recording is disposed; one at a time.</summary>
    public static Recording Start()
    {
        var started = new Recording();
        if (Interlocked.CompareExchange(ref recording, started, null) is not null)
            throw new InvalidOperationException("a step profile is already recording");
        return started;
    }

    /// <summary>Times the code until the span is disposed, under <paramref name="name"/>, when a recording runs.</summary>
    public static Span Time(string name)
    {
        if (recording is not { } r) return default;
        r.Begin(name);
        return new Span(r, name, Stopwatch.GetTimestamp());
    }

    /// <summary>Adds seconds measured elsewhere (a wait between steps) under <paramref name="name"/>.</summary>
    public static void Add(string name, double seconds) => recording?.Add(name, seconds);

    /// <summary>Marks the end of one step, the unit the totals are divided by.</summary>
    public static void EndStep() => recording?.EndStep();

    public readonly struct Span(Recording? recording, string name, long start) : IDisposable
    {
        public void Dispose() => recording?.Add(name, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    public sealed class Recording : IDisposable
    {
        readonly Dictionary<string, double> seconds = [];
        readonly List<string> order = [];

        public int Steps { get; private set; }

        /// <summary>Mean milliseconds per step of each span, in the order the spans first began (an outer span before the ones inside it).</summary>
        public IReadOnlyList<(string Name, double Milliseconds)> PerStep() =>
            order.Select(name => (name, 1000 * seconds[name] / Math.Max(1, Steps))).ToList();

        internal void Begin(string name)
        {
            lock (seconds)
                if (seconds.TryAdd(name, 0)) order.Add(name);
        }

        internal void Add(string name, double elapsed)
        {
            lock (seconds)
            {
                if (seconds.TryAdd(name, elapsed)) order.Add(name);
                else seconds[name] += elapsed;
            }
        }

        internal void EndStep() => Steps++;

        public void Dispose() => Interlocked.CompareExchange(ref recording, null, this);
    }
}
