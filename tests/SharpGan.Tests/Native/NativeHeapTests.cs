using SharpGan.Bench;
using SharpGan.Native;
using SharpGan.Tests.Cli;
using TorchSharp;

namespace SharpGan.Tests.Native;

public class NativeHeapTests
{
    [Fact]
    public void Freed_tensors_memory_serves_the_next_ones_without_paging_it_in_again()
    {
        // The test assembly keeps freed memory as the CLI does (TestSupport); this machine's C library is glibc.
        Assert.Equal("glibc, freed memory kept for the next tensors", NativeHeap.State);
        const long floats = 4L << 20;   // 16 MB: glibc would map it on its own and unmap it when freed
        var faults = new List<long>();
        for (int i = 0; i < 20; i++)
        {
            var before = PageFaults.Minor()!.Value;
            using (torch.NewDisposeScope())
                torch.empty(floats).fill_(i);
            faults.Add(PageFaults.Minor()!.Value - before);
        }
        // Each would page in 4,096 pages of 4 KB afresh. libtorch asks for 64-byte aligned blocks, and glibc strands
        // freed ones behind the alignment's leftovers (held in its per-thread cache of small blocks, seven of a size)
        // before it reuses them: up to nine rounds here still grew the heap (a C program of the same calls: nine).
        Assert.True(faults.TakeLast(4).Sum() < 1_000, $"pages paged in, round by round: {string.Join(", ", faults)}");
    }

    [Fact]
    public void Only_keep_or_system_are_understood_and_a_users_own_settings_win()
    {
        static (string?, string?) Decide(params (string Key, string Value)[] environment) =>
            NativeHeap.Decide(environment.ToDictionary(e => e.Key, e => e.Value));

        Assert.Equal((null, null), Decide());
        Assert.Equal((null, null), Decide(("SHARPGAN_NATIVE_HEAP", "keep"), ("MALLOC_ARENA_MAX", "2")));
        Assert.Equal(("the C library's defaults (SHARPGAN_NATIVE_HEAP=system)", null), Decide(("SHARPGAN_NATIVE_HEAP", "system")));
        Assert.Equal(("the C library's, as MALLOC_TRIM_THRESHOLD_ sets it", null), Decide(("MALLOC_TRIM_THRESHOLD_", "0")));
        Assert.Equal(("the C library's, as GLIBC_TUNABLES' glibc.malloc.hugetlb sets it", null),
            Decide(("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")));
        Assert.Equal((null, "SHARPGAN_NATIVE_HEAP=sytem: expected keep (the default) or system"), Decide(("SHARPGAN_NATIVE_HEAP", "sytem")));
    }

    [Fact]
    public void A_misspelt_choice_stops_the_tool_before_any_work_in_one_line()
    {
        var (exit, output) = CliProcess.Run(["info", Repo.Fixture("checkpoints", "format1-dense-dcgan.ckpt")],
            new Dictionary<string, string> { ["SHARPGAN_NATIVE_HEAP"] = "sytem" });
        Assert.Equal((2, "error: SHARPGAN_NATIVE_HEAP=sytem: expected keep (the default) or system\n"), (exit, output));
    }
}
