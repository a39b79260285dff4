using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Models;

/// <summary>
/// Dropout in G as the noise source of the anime-face report (and pix2pix): on while training and, when asked, also while
/// sampling, so one noise vector can give different pictures.
/// </summary>
internal sealed class GeneratorDropout(double probability, bool atSampling) : nn.Module<Tensor, Tensor>(nameof(GeneratorDropout))
{
    public double Probability { get; } = probability;

    /// <summary>On while sampling too. Settable so that the export's check can compare a graph fed dropout's mean
    /// (all-ones keep masks) with this network computing without dropout.</summary>
    public bool AtSampling { get; set; } = atSampling;

    public override Tensor forward(Tensor input) =>
        nn.functional.dropout(input, Probability, training || AtSampling);
}
