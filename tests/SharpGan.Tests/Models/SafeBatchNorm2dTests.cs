using SharpGan.Models;
using static TorchSharp.torch;

namespace SharpGan.Tests.Models;

public class SafeBatchNorm2dTests
{
    [Fact]
    public void Computes_and_tracks_statistics_as_torchs_batchnorm_with_the_same_keys()
    {
        manual_seed(1);
        using var stock = nn.BatchNorm2d(4);
        using var safe = new SafeBatchNorm2d(4);
        Assert.Equal(stock.state_dict().Keys.Order(), safe.state_dict().Keys.Order());
        var x = randn(8, 4, 5, 5).mul(3).add(1);
        stock.train();
        safe.train();
        Assert.True(stock.forward(x).allclose(safe.forward(x), atol: 1e-5));
        Assert.True(stock.running_mean!.allclose(safe.state_dict()["running_mean"], atol: 1e-6));
        Assert.True(stock.running_var!.allclose(safe.state_dict()["running_var"], atol: 1e-5));
        stock.eval();
        safe.eval();
        var y = randn(2, 4, 5, 5);
        Assert.True(stock.forward(y).allclose(safe.forward(y), atol: 1e-5));
    }
}
