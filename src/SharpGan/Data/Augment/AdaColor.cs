using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// ADA's colour transforms (Karras et al. 2020, StyleGAN2-ADA's augment.py), each drawn per sample as a B×4×4 matrix
/// on homogeneous (r, g, b, 1) in [-1, 1], composed into one matrix so the pixels are touched once. Nothing is
/// clamped afterwards, as in StyleGAN2-ADA: D sees the colours as they come out.
/// </summary>
internal static class AdaColor
{
    /// <summary>StyleGAN2-ADA's spreads: brightness normal σ 0.2; contrast lognormal σ 0.5·ln 2; saturation lognormal σ ln 2.</summary>
    const double BrightnessStd = 0.2, ContrastStd = 0.5, SaturationStd = 1;

    /// <summary>Every colour transform in StyleGAN2-ADA's order.</summary>
    public static Tensor Draw(long b, double p) =>
        Saturation(b, p).matmul(HueRotation(b, p)).matmul(LumaFlip(b, p)).matmul(Contrast(b, p)).matmul(Brightness(b, p));

    public static Tensor Brightness(long b, double p)
    {
        var shift = where(rand(b).lt(p), randn(b).mul(BrightnessStd), zeros(b)).view(b, 1, 1);
        return Identity(b).add(shift.mul(Translation));
    }

    public static Tensor Contrast(long b, double p)
    {
        var c = where(rand(b).lt(p), Exp2(randn(b).mul(ContrastStd)), ones(b)).view(b, 1, 1);
        return Rgb.mul(c).add(Homogeneous);
    }

    /// <summary>The Householder reflection through the plane normal to the luma axis: dark becomes light, hue kept.</summary>
    public static Tensor LumaFlip(long b, double p)
    {
        var flip = where(rand(b).lt(p), floor(rand(b).mul(2)), zeros(b)).view(b, 1, 1);
        return Identity(b).sub(Luma.mul(2).mul(flip));
    }

    /// <summary>Rotation about the luma axis by a uniform angle in ±180° (Rodrigues: P + cos θ (I − P) + sin θ K).</summary>
    public static Tensor HueRotation(long b, double p)
    {
        var theta = where(rand(b).lt(p), rand(b).mul(2).sub(1).mul(Math.PI), zeros(b)).view(b, 1, 1);
        return Luma.add(Rgb.sub(Luma).mul(theta.cos())).add(Cross.mul(theta.sin())).add(Homogeneous);
    }

    /// <summary>Scales the distance from the luma axis: 0 is grey, large values exaggerate colour.</summary>
    public static Tensor Saturation(long b, double p)
    {
        var s = where(rand(b).lt(p), Exp2(randn(b).mul(SaturationStd)), ones(b)).view(b, 1, 1);
        return Luma.add(Rgb.sub(Luma).mul(s)).add(Homogeneous);
    }

    /// <summary>Applies each sample's matrix to its pixels: B×3×H×W through B×4×4.</summary>
    public static Tensor Recolor(Tensor images, Tensor matrix)
    {
        long b = images.shape[0];
        matrix = matrix.to(images.device);
        var pixels = images.reshape(b, images.shape[1], -1);
        return matrix.narrow(1, 0, 3).narrow(2, 0, 3).matmul(pixels).add(matrix.narrow(1, 0, 3).narrow(2, 3, 1)).view(images.shape);
    }

    static Tensor Exp2(Tensor x) => x.mul(Math.Log(2)).exp();

    static Tensor Identity(long b) => eye(4).expand(b, 4, 4);

    const float Third = 1f / 3;
    static readonly float K = 1 / MathF.Sqrt(3);

    /// <summary>The projection v vᵀ onto the luma axis v = (1, 1, 1, 0)/√3.</summary>
    static Tensor Luma => Matrix(Third, Third, Third, 0, Third, Third, Third, 0, Third, Third, Third, 0, 0, 0, 0, 0);

    static Tensor Rgb => Matrix(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);

    static Tensor Homogeneous => Matrix(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    /// <summary>The same offset on all three channels.</summary>
    static Tensor Translation => Matrix(0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0);

    /// <summary>K with K x = v × x for the luma axis v.</summary>
    static Tensor Cross => Matrix(0, -K, K, 0, K, 0, -K, 0, -K, K, 0, 0, 0, 0, 0, 0);

    static Tensor Matrix(params float[] rows) => tensor(rows).view(4, 4);
}
