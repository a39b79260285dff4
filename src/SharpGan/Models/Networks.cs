using SharpGan.Config;

namespace SharpGan.Models;

/// <summary>The generator and discriminator each <c>model.architecture</c> names.</summary>
public static class Networks
{
    sealed record Pair(Func<ModelConfig, GeneratorNetwork> Generator, Func<ModelConfig, DiscriminatorNetwork> Discriminator);

    static readonly Dictionary<string, Pair> ByName = new()
    {
        ["dcgan"] = new(c => new DcganGenerator(c), c => new DcganDiscriminator(c)),
        ["dense-dcgan"] = new(c => new DenseStemGenerator(c), c => new PoolingDiscriminator(c)),
        ["srresnet"] = new(c => new SrResNetGenerator(c), c => new ResidualDiscriminator(c)),
        ["dcgan-5x5"] = new(c => new Dcgan5x5Generator(c), c => new Dcgan5x5Discriminator(c)),
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static GeneratorNetwork Generator(ModelConfig config) => Find(config).Generator(config);

    public static DiscriminatorNetwork Discriminator(ModelConfig config) => Find(config).Discriminator(config);

    static Pair Find(ModelConfig config) => ByName.TryGetValue(config.Architecture, out var pair) ? pair
        : throw new ConfigException($"model.architecture = '{config.Architecture}': allowed {string.Join(", ", Names)}");
}
