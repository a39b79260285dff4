using SharpGan.Config;

namespace SharpGan.Models;

/// <summary>The generator and discriminator each <c>model.architecture</c> names.</summary>
public static class Networks
{
    sealed record Pair(Func<ModelConfig, GeneratorNetwork> Generator, Func<ModelConfig, int, DiscriminatorNetwork> Discriminator);

    static readonly Dictionary<string, Pair> ByName = new()
    {
        ["dcgan"] = new(c => new DcganGenerator(c), (c, k) => new DcganDiscriminator(c, k)),
        ["dense-dcgan"] = new(c => new DenseStemGenerator(c), (c, k) => new PoolingDiscriminator(c, k)),
        ["srresnet"] = new(c => new SrResNetGenerator(c), (c, k) => new ResidualDiscriminator(c, k)),
        ["dcgan-5x5"] = new(c => new Dcgan5x5Generator(c), (c, k) => new Dcgan5x5Discriminator(c, k)),
        ["r3gan"] = new(c => new R3Generator(c), (c, k) => new R3Discriminator(c, k)),
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static GeneratorNetwork Generator(ModelConfig config) => Find(config).Generator(config);

    /// <param name="classOutputs">Outputs of a class head on D's features, as the recipe reading them asks (ACGAN's K,
    /// the semi-supervised GAN's K + 1); 0 for none.</param>
    public static DiscriminatorNetwork Discriminator(ModelConfig config, int classOutputs = 0) => Find(config).Discriminator(config, classOutputs);

    static Pair Find(ModelConfig config) => ByName.TryGetValue(config.Architecture, out var pair) ? pair
        : throw new ConfigException($"model.architecture = '{config.Architecture}': allowed {string.Join(", ", Names)}");
}
