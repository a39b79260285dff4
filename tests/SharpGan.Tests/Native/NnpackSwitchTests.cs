using SharpGan.Compute;
using SharpGan.Native;
using TorchSharp;

namespace SharpGan.Tests.Native;

public class NnpackSwitchTests
{
    [Fact]
    public void A_SharpGan_convolution_leaves_libtorch_without_NNPACK()
    {
        // A batch of 16 in fp32 without autograd is what libtorch would hand NNPACK.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var y = SafeConvolution.Conv2d(torch.randn(16, 8, 8, 8), torch.randn(8, 8, 3, 3), stride: 1, padding: 1);

        Assert.Equal([16L, 8, 8, 8], y.shape);
        Assert.False(NnpackSwitch.IsEnabled());
        Assert.True(NnpackSwitch.EnsureOff());
    }
}
