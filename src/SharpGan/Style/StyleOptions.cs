namespace SharpGan.Style;

/// <summary>
/// How to transfer a style. α weighs the content loss and β the style loss (Gatys et al. used α/β of 1e-3 to 1e-4 on
/// VGG; the defaults, α/β = 1e-7 and TV 1, were chosen on the imported MobileNetV2 at 256 px, docs/style-transfer.md);
/// <see cref="StyleLayers"/> empty means the trunk's defaults; each style layer's w_l defaults to 1 / their count.
/// </summary>
public sealed record StyleOptions
{
    public int Size { get; init; } = 256;
    public int Steps { get; init; } = 500;
    /// <summary>lbfgs (the paper's choice in most reimplementations) or adam.</summary>
    public string Optimizer { get; init; } = "lbfgs";
    /// <summary>Learning rate: L-BFGS's step scale (1), or Adam's (in pixel units, [0, 1] images).</summary>
    public double LearningRate { get; init; } = 1;
    public double Alpha { get; init; } = 1;
    public double Beta { get; init; } = 1e7;
    public double TotalVariation { get; init; } = 1;
    /// <summary>
    /// content: start from the content picture, as most reimplementations do, so a short budget already gives the
    /// content in the style's colours; noise: uniform white noise, as the paper, which needs hundreds of steps
    /// before the content shows (a short budget leaves noise).
    /// </summary>
    public string Init { get; init; } = "content";
    public string? ContentLayer { get; init; }
    public IReadOnlyList<string> StyleLayers { get; init; } = [];
    public IReadOnlyList<double> StyleWeights { get; init; } = [];
    /// <summary>Write an intermediate picture every this many steps (0: none).</summary>
    public int SaveEvery { get; init; } = 100;
    public long Seed { get; init; } = 0;

    /// <exception cref="ArgumentException">A value out of range, named.</exception>
    public StyleOptions Validate()
    {
        if (Size is < 16 or > 1024) throw new ArgumentException($"--size {Size}: allowed 16..1024");
        if (Steps < 1) throw new ArgumentException($"--steps {Steps}: at least 1");
        if (Optimizer is not ("lbfgs" or "adam")) throw new ArgumentException($"--optimizer '{Optimizer}': allowed lbfgs, adam");
        if (Init is not ("noise" or "content")) throw new ArgumentException($"--init '{Init}': allowed noise, content");
        if (LearningRate <= 0) throw new ArgumentException($"--lr {LearningRate}: must be > 0");
        if (Alpha < 0 || Beta < 0 || TotalVariation < 0) throw new ArgumentException("--alpha, --beta and --tv must be ≥ 0");
        if (StyleWeights.Count > 0 && StyleWeights.Count != StyleLayers.Count)
            throw new ArgumentException($"--style-weights has {StyleWeights.Count} values for {StyleLayers.Count} --style-layers");
        if (SaveEvery < 0) throw new ArgumentException($"--save-every {SaveEvery}: 0 (none) or more");
        return this;
    }
}
