using static TorchSharp.torch;

namespace SharpGan.Style;

/// <summary>
/// Gatys, Ecker and Bethge, "A Neural Algorithm of Artistic Style" (the anime-face report, part E.1). A layer with N_l filters
/// of M_l positions each is the N_l × M_l matrix F; its Gram matrix G = F·Fᵀ keeps which filters fire together and
/// forgets where — the style.
/// </summary>
internal static class StyleLosses
{
    /// <summary>G = F·Fᵀ per image: B × N × N for features B × N × H × W.</summary>
    public static Tensor Gram(Tensor features)
    {
        var f = features.flatten(2);
        return f.bmm(f.transpose(1, 2));
    }

    /// <summary>½·Σ(F − P)², the content loss of the generated image's features F against the content image's P.</summary>
    public static Tensor Content(Tensor generated, Tensor content) => generated.sub(content).pow(2).sum().mul(0.5);

    /// <summary>E_l = Σ(G − A)² / (4·N_l²·M_l²): Gram matrices G of the generated image and A of the style image.</summary>
    public static Tensor StyleLayer(Tensor generatedFeatures, Tensor styleGram)
    {
        long n = generatedFeatures.shape[1], m = generatedFeatures.shape[2] * generatedFeatures.shape[3];
        return Gram(generatedFeatures).sub(styleGram).pow(2).sum().div(4.0 * n * n * m * m);
    }

    /// <summary>Total variation: the summed squared differences of neighbouring pixels, a smoothness prior against noise.</summary>
    public static Tensor TotalVariation(Tensor images)
    {
        var down = images[.., .., 1.., ..].sub(images[.., .., ..^1, ..]).pow(2).sum();
        var across = images[.., .., .., 1..].sub(images[.., .., .., ..^1]).pow(2).sum();
        return down.add(across);
    }
}
