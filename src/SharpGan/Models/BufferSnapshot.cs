using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Copies a module's buffers (BatchNorm's running statistics and counters) and puts them back on dispose, so a
/// forward pass in train mode can use batch statistics without leaving a trace in the model.
/// </summary>
internal sealed class BufferSnapshot : IDisposable
{
    readonly List<(Tensor Live, Tensor Saved)> buffers;

    BufferSnapshot(nn.Module module) =>
        buffers = module.named_buffers().Select(b => (b.buffer, b.buffer.detach().clone())).ToList();

    public static BufferSnapshot Of(nn.Module module) => new(module);

    public void Dispose()
    {
        using var _ = no_grad();
        foreach (var (live, saved) in buffers)
        {
            live.copy_(saved);
            saved.Dispose();
        }
    }
}
