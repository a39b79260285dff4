using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Dropout in G as the noise source of the anime-face report (and pix2pix): on while training and, when asked, also while
/// sampling, so one noise vector can give different pictures.
/// </summary>
internal sealed class GeneratorDropout(double probability, bool atSampling) : nn.Module<Tensor, Tensor>(nameof(GeneratorDropout))
{
    public bool AtSampling { get; } = atSampling;

    public override Tensor forward(Tensor input) =>
        nn.functional.dropout(input, probability, training || AtSampling);
}
