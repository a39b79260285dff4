using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Metrics;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

public class FeatureExtractorTests
{
    /// <summary>A backbone at the Inception's 299 px whose features are each picture's channel means, recording how
    /// many pictures each call was given.</summary>
    sealed class ChannelMeans : IFeatureBackbone
    {
        public List<long> Calls { get; } = [];
        public string Name => "channel-means";
        public int InputSize => 299;
        public string ResizeFilter => "bilinear";
        public IReadOnlyList<string> Classes => [];

        public (Tensor Features, Tensor? Probabilities) Forward(Tensor images)
        {
            Calls.Add(images.shape[0]);
            return (images.mean([2, 3]), null);
        }

        public void Dispose() { }
    }

    [Fact]
    public void Large_inputs_reach_the_backbone_in_calls_of_32_pictures_and_come_back_in_order()
    {
        var (images, _) = ImageFolder.Load(new DataConfig { Path = Repo.Fixture("tiny") }, 32);
        using var scope = NewDisposeScope();
        var all = images.AsTensor();
        var batch = cat([all, all.flip(3), all.flip(2), all.neg(), all.flip(2, 3)], 0);   // 40 real pictures, all different
        using var net = new ChannelMeans();

        var set = FeatureExtractor.Extract(net, [() => batch]);

        Assert.Equal([32L, 8L], net.Calls);   // a batch of 256 at 299 px went past 20 GB
        var expected = FeatureExtractor.Resize(batch, 299).mean([2, 3]).to_type(ScalarType.Float64);
        Assert.Equal([40L, 3L], set.Features.shape);
        Assert.True(set.Features.allclose(expected, rtol: 1e-6, atol: 1e-7));
    }
}
