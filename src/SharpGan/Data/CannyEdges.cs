using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Data;

/// <summary>
/// Canny's options. Thresholds are on the gradient of intensity in [0, 1], scaled so that a sharp step from 0 to 1
/// has magnitude 1: <see cref="High"/> = 0.2 starts an edge at a step of a fifth of the range, and weaker gradients
/// down to <see cref="Low"/> continue edges they touch.
/// </summary>
/// <param name="Sigma">Gaussian blur before the gradient, in pixels; 0 = none.</param>
public sealed record CannyOptions(double Sigma = 1.0, double Low = 0.1, double High = 0.2)
{
    public CannyOptions Validate()
    {
        if (Sigma is < 0 or > 10) throw new ArgumentException($"sigma {Sigma}: allowed 0..10 pixels");
        if (!(Low > 0 && Low <= High)) throw new ArgumentException($"low {Low}, high {High}: need 0 < low ≤ high");
        return this;
    }
}

/// <summary>
/// The Canny edge detector (Canny 1986) as batched tensor ops: intensity, Gaussian blur, Sobel gradients,
/// non-maximum suppression along the gradient direction quantised to 0°, 45°, 90° and 135°, a double threshold and
/// hysteresis (weak pixels kept where 8-connected to strong ones). Pix2pix's edges → pictures inputs come from here.
/// </summary>
internal static class CannyEdges
{
    // Its convolutions go straight to libtorch, which asks NNPACK first and logs every refusal on a CPU NNPACK does
    // not know (hundreds of lines for one folder): off, as for every convolution of SharpGan's networks.
    static CannyEdges() => Native.NnpackSwitch.EnsureOff();

    /// <summary>Edges of images in [-1, 1] (B×3×H×W, or B×1×H×W gray) as B×1×H×W floats in {0, 1}.</summary>
    public static Tensor Detect(Tensor images, CannyOptions options)
    {
        options.Validate();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var gray = Intensity(images);
        if (options.Sigma > 0) gray = Blur(gray, options.Sigma);
        var (magnitude, sector) = Gradient(gray);
        var thin = magnitude.mul(Maxima(magnitude, sector).to_type(ScalarType.Float32));
        return Hysteresis(thin.ge(options.Low), thin.ge(options.High)).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Luminance in [0, 1].</summary>
    static Tensor Intensity(Tensor images)
    {
        var gray = images.shape[1] == 1 ? images : ImageTensors.Luminance(images.to_type(ScalarType.Float32));
        return gray.add(1).div(2);
    }

    /// <summary>Separable Gaussian of σ, ±3σ wide, with reflected borders so the frame makes no edge.</summary>
    static Tensor Blur(Tensor gray, double sigma)
    {
        int radius = (int)Math.Ceiling(3 * sigma);
        var taps = Enumerable.Range(-radius, 2 * radius + 1).Select(i => (float)Math.Exp(-i * i / (2 * sigma * sigma))).ToArray();
        float total = taps.Sum();
        var kernel = tensor(taps.Select(t => t / total).ToArray());
        var padded = F.pad(gray, [radius, radius, radius, radius], TorchSharp.PaddingModes.Reflect);
        var rows = F.conv2d(padded, kernel.view(1, 1, 1, -1));
        return F.conv2d(rows, kernel.view(1, 1, -1, 1));
    }

    /// <summary>Sobel magnitude (÷ 4, so a unit step gives 1) and the direction's sector: 0 = 0°, 1 = 45°, 2 = 90°, 3 = 135°.</summary>
    static (Tensor Magnitude, Tensor Sector) Gradient(Tensor gray)
    {
        var sobelX = tensor(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }).view(1, 1, 3, 3).div(4);
        var padded = F.pad(gray, [1, 1, 1, 1], TorchSharp.PaddingModes.Replicate);
        var gx = F.conv2d(padded, sobelX);
        var gy = F.conv2d(padded, sobelX.transpose(2, 3));
        var degrees = atan2(gy, gx).mul(180 / Math.PI).remainder(180);   // [0, 180): a direction, not its sign
        var sector = degrees.add(22.5).div(45, rounding_mode: RoundingMode.floor).remainder(4).to_type(ScalarType.Int64);
        return (gx.square().add(gy.square()).sqrt(), sector);
    }

    /// <summary>
    /// True where the magnitude is a maximum across the edge: above its neighbour on the side of lower coordinates
    /// and at least its neighbour on the other side. The asymmetric tie-break keeps one pixel of a perfectly
    /// symmetric step, whose two sides have equal gradients.
    /// </summary>
    static Tensor Maxima(Tensor magnitude, Tensor sector)
    {
        var padded = F.pad(magnitude, [1, 1, 1, 1]);
        long h = magnitude.shape[2], w = magnitude.shape[3];
        Tensor At(int dy, int dx) => padded.narrow(2, 1 + dy, h).narrow(3, 1 + dx, w);
        // Per sector, the neighbour one step along the gradient direction (y grows downwards) and the one behind.
        (int Dy, int Dx)[] ahead = [(0, 1), (1, 1), (1, 0), (1, -1)];
        var keep = zeros_like(magnitude, dtype: ScalarType.Bool);
        for (int s = 0; s < 4; s++)
        {
            var (dy, dx) = ahead[s];
            var maximum = magnitude.gt(At(-dy, -dx)).logical_and(magnitude.ge(At(dy, dx)));
            keep = keep.logical_or(sector.eq(s).logical_and(maximum));
        }
        return keep;
    }

    /// <summary>Strong pixels, grown through weak ones (8-connected) until nothing changes.</summary>
    static Tensor Hysteresis(Tensor weak, Tensor strong)
    {
        var weakFloat = weak.to_type(ScalarType.Float32);
        var edges = strong.to_type(ScalarType.Float32);
        long limit = weak.shape[2] * weak.shape[3];
        for (long step = 0; step < limit; step += 8)
        {
            var before = edges;
            for (int k = 0; k < 8; k++)
                edges = F.max_pool2d(edges, [3, 3], [1, 1], [1, 1]).mul(weakFloat);
            if (edges.equal(before).all().item<bool>()) break;
        }
        return edges.gt(0);
    }
}
