namespace SharpGan.Compute;

/// <summary>The policy a run computes under, and why (for the run log and the checkpoint).</summary>
public sealed record ComputeChoice(ComputePolicy Policy, string Reason)
{
    /// <summary>Faster by less than this counts as noise: <c>auto</c> keeps the plainer path.</summary>
    public const double MinSpeedUp = 1.05;

    /// <summary>
    /// Resolves <c>train.precision</c> (auto | fp32 | bf16) and <c>train.layout</c> (auto | nchw | channels-last).
    /// <c>auto</c> takes bf16 only where the CPU has native bf16 and the probe finds it faster, and channels-last only
    /// where the probe finds it faster; a deterministic run stays fp32 NCHW so that its bits do not depend on the CPU.
    /// The probe is asked for only when some choice is left to it.
    /// </summary>
    public static ComputeChoice Resolve(string precision, string layout, bool deterministic, CpuFlags cpu, Func<ProbeTimes> probe)
    {
        if (precision == "bf16" && !cpu.HasNativeBf16)
            throw new ArgumentException($"train.precision bf16: this CPU ({cpu.Model}) has no native bf16 (avx512_bf16 or amx_bf16); use fp32 or auto");
        var reasons = new List<string>();
        bool? bf16 = precision switch { "fp32" => false, "bf16" => true, _ => null };
        bool? channelsLast = layout switch { "nchw" => false, "channels-last" => true, _ => null };
        if (bf16 is null && !cpu.HasNativeBf16) { bf16 = false; reasons.Add("fp32: no native bf16 on this CPU"); }
        if (deterministic)
        {
            if (bf16 is null) { bf16 = false; reasons.Add("fp32: deterministic run"); }
            if (channelsLast is null) { channelsLast = false; reasons.Add("nchw: deterministic run"); }
        }
        if (bf16 is null || channelsLast is null)
        {
            var times = probe();
            var candidates = times.Seconds.Keys
                .Where(p => (bf16 is null || p.Bf16 == bf16) && (channelsLast is null || p.ChannelsLast == channelsLast))
                .ToList();
            // The plainest candidate unless another beats it by MinSpeedUp.
            var plain = candidates.OrderBy(p => (p.Bf16 ? 1 : 0) + (p.ChannelsLast ? 1 : 0)).First();
            var best = candidates.MaxBy(times.SpeedUp)!;
            var chosen = times.Seconds[plain] / times.Seconds[best] >= MinSpeedUp ? best : plain;
            var probed = string.Join(", ", candidates.Select(p => $"{p} {times.SpeedUp(p):F2}×"));
            reasons.Add($"probe {times.Origin} (speed vs fp32 nchw): {probed}");
            bf16 ??= chosen.Bf16;
            channelsLast ??= chosen.ChannelsLast;
        }
        if (precision != "auto" || layout != "auto")
            reasons.Insert(0, $"asked for precision {precision}, layout {layout}");
        return new ComputeChoice(new ComputePolicy(channelsLast.Value, bf16.Value), string.Join("; ", reasons));
    }

    /// <summary><see cref="Resolve"/> on this machine, with this process's probe.</summary>
    public static ComputeChoice ForThisMachine(string precision, string layout, bool deterministic) =>
        Resolve(precision, layout, deterministic, CpuFlags.Current, () => ComputeProbe.Current);

    /// <summary>
    /// The policy a run recorded in its checkpoint, so sampling computes as training did and a seed gives the same
    /// picture every time; bf16 falls back to fp32 on a CPU without native bf16.
    /// </summary>
    public static ComputeChoice Recorded(ComputePolicy recorded, CpuFlags cpu) => recorded.Bf16 && !cpu.HasNativeBf16
        ? new(recorded with { Bf16 = false }, $"the run computed in {recorded}; fp32: no native bf16 on this CPU")
        : new(recorded, "as the run recorded it");

    public override string ToString() => $"{Policy} ({Reason})";
}
