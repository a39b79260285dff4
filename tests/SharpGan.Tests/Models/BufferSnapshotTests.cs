using SharpGan.Config;
using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class BufferSnapshotTests
{
    [Fact]
    public void A_train_mode_forward_inside_a_snapshot_leaves_running_statistics_unchanged()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(new ModelConfig { ImageSize = 32, Ngf = 4 });
        var before = g.named_buffers().Select(b => b.buffer.clone()).ToList();
        using (no_grad())
        using (BufferSnapshot.Of(g))
            g.forward(g.Noise(8));
        var after = g.named_buffers().Select(b => b.buffer).ToList();
        Assert.All(before.Zip(after), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));

        using (no_grad())
            g.forward(g.Noise(8));
        Assert.False(before[0].eq(g.named_buffers().First().buffer).all().item<bool>());   // without it they move
    }
}
