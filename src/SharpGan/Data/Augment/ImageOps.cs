using static TorchSharp.torch;
using TorchSharp;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Data.Augment;

/// <summary>What geometric ops put where the picture moved away: zeros (black, or transparent for RGBA) or the edge.</summary>
internal enum Fill { Zeros, Border }

/// <summary>
/// The geometric and photometric operations of SharpGan's augmentation, as batched tensor ops on B×C×H×W of any
/// channel count. One implementation serves both uses: the `data augment` tool (the car-logo ACGAN's
/// codes, fixed parameters) and on-the-fly training augmentation (random parameters per sample).
/// </summary>
internal static class ImageOps
{
    // Its convolutions go straight to libtorch, which asks NNPACK first and logs every refusal on a CPU NNPACK does
    // not know (hundreds of lines for one folder): off, as for every convolution of SharpGan's networks.
    static ImageOps() => Native.NnpackSwitch.EnsureOff();

    public static Tensor FlipHorizontal(Tensor x) => x.flip(3);

    public static Tensor FlipVertical(Tensor x) => x.flip(2);

    /// <summary>Rotates counter-clockwise (as seen on screen) about the centre by each sample's angle in degrees.
    /// Whole quarter turns of a square image are exact pixel permutations.</summary>
    public static Tensor Rotate(Tensor x, Tensor degrees, Fill fill)
    {
        if (x.shape[2] == x.shape[3] && degrees.numel() > 0)
        {
            var first = degrees[0].item<float>();
            if (first % 90 == 0 && degrees.eq(first).all().item<bool>())
                return x.rot90((long)(first / 90) % 4, (2, 3));
        }
        var angle = degrees.to_type(ScalarType.Float32).mul(Math.PI / 180);
        var (c, s) = (angle.cos(), angle.sin());
        var zero = zeros_like(angle);
        // The grid maps each output pixel back to its source: the inverse rotation, in (x right, y down) coordinates.
        var theta = stack([c, s.neg(), zero, s, c, zero], 1).view(-1, 2, 3);
        return Resample(x, theta, fill);
    }

    /// <summary>Shifts every sample right by <paramref name="dx"/> and down by <paramref name="dy"/> whole pixels.</summary>
    public static Tensor Translate(Tensor x, int dx, int dy, Fill fill)
    {
        long h = x.shape[2], w = x.shape[3];
        int px = Math.Abs(dx), py = Math.Abs(dy);
        var padded = F.pad(x, [px, px, py, py], fill == Fill.Zeros ? PaddingModes.Constant : PaddingModes.Replicate);
        // Output (i, j) = input (i − dy, j − dx) = padded (i − dy + py, j − dx + px).
        return padded[.., .., (py - dy)..(py - dy + (int)h), (px - dx)..(px - dx + (int)w)];
    }

    /// <summary>
    /// Zooms into the pixel box [x1, x2) × [y1, y2), stretching it to the full size; parts of the box outside the
    /// picture are filled (the car-logo ACGAN's zoom: a box larger than the picture zooms out).
    /// </summary>
    public static Tensor Zoom(Tensor x, int x1, int y1, int x2, int y2, Fill fill)
    {
        long h = x.shape[2], w = x.shape[3];
        int left = Math.Max(0, -x1), top = Math.Max(0, -y1), right = Math.Max(0, x2 - (int)w), bottom = Math.Max(0, y2 - (int)h);
        var padded = F.pad(x, [left, right, top, bottom], fill == Fill.Zeros ? PaddingModes.Constant : PaddingModes.Replicate);
        var box = padded[.., .., (y1 + top)..(y2 + top), (x1 + left)..(x2 + left)];
        return F.interpolate(box, [h, w], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    /// <summary>Gaussian blur of standard deviation σ pixels (separable, reflected at the borders; repeated where the
    /// blur reaches past the whole picture, which reflection cannot cover).</summary>
    public static Tensor Blur(Tensor x, double sigma)
    {
        long channels = x.shape[1];
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var taps = arange(-radius, radius + 1, dtype: ScalarType.Float32);
        var kernel = taps.square().div(-2 * sigma * sigma).exp();
        kernel = kernel.div(kernel.sum());
        var horizontal = kernel.view(1, 1, 1, -1).expand(channels, 1, 1, 2 * radius + 1);
        var vertical = kernel.view(1, 1, -1, 1).expand(channels, 1, 2 * radius + 1, 1);
        var border = radius < Math.Min(x.shape[2], x.shape[3]) ? PaddingModes.Reflect : PaddingModes.Replicate;
        var y = F.conv2d(F.pad(x, [radius, radius, 0, 0], border), horizontal, groups: channels);
        return F.conv2d(F.pad(y, [0, 0, radius, radius], border), vertical, groups: channels);
    }

    /// <summary>Adds Gaussian noise of the given variance to pictures in [0, 1] and clips back into [0, 1].</summary>
    public static Tensor Noise(Tensor x, double variance) =>
        x.add(randn_like(x).mul(Math.Sqrt(variance))).clamp(0, 1);

    /// <summary>Samples along an affine grid (normalised coordinates, pixel centres, as grid_sample defines them).</summary>
    public static Tensor Resample(Tensor x, Tensor theta, Fill fill)
    {
        var grid = F.affine_grid(theta.to(x.device), x.shape, align_corners: false);
        return F.grid_sample(x, grid, GridSampleMode.Bilinear,
            fill == Fill.Zeros ? GridSamplePaddingMode.Zeros : GridSamplePaddingMode.Border, align_corners: false);
    }
}
