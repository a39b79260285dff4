using SharpGan.Data;
using SharpGan.Metrics;
using SharpGan.Tests.Pretrained;
using static TorchSharp.torch;

namespace SharpGan.Tests.Metrics;

public class NsfwjsBackboneTests : IClassFixture<FetchedModels>
{
    [Fact]
    public void The_imported_mobilenet_gives_pooled_features_and_nsfwjs_classes_for_real_pictures()
    {
        using var backbone = Backbones.Load("nsfwjs-mobilenet-v2/pool");
        Assert.Equal(("nsfwjs-mobilenet-v2/pool", 224), (backbone.Name, backbone.InputSize));
        Assert.Equal(["Drawing", "Hentai", "Neutral", "Porn", "Sexy"], backbone.Classes);
        var (images, _) = ImageFolder.Load(new SharpGan.Config.DataConfig { Path = Repo.Fixture("tiny") }, 32);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (features, probabilities) = backbone.Forward(FeatureExtractor.Resize(images.AsTensor(), backbone.InputSize));
        Assert.Equal([8L, 1280], features.shape);
        Assert.True(features.min().item<float>() >= 0);   // pooled ReLU6 outputs
        Assert.Equal(1, probabilities!.sum(1).mean().item<float>(), 4);

        var real = FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images));
        var report = Evaluation.Compare(backbone, real, real, 32, new EvalOptions(KidSubsets: 4));
        Assert.Equal("FD[nsfwjs-mobilenet-v2/pool]", report.DistanceName);   // never plain FID
        Assert.DoesNotContain("FID", report.Summary());
    }
}
