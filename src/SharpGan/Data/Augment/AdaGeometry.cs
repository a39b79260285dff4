using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// ADA's geometric transforms (Karras et al. 2020, StyleGAN2-ADA's augment.py), each drawn per sample as a B×3×3
/// matrix in pixels about the image centre. The matrices are inverses (output pixel → input pixel), what
/// <c>affine_grid</c> wants, so composing them left to right applies the first transform to the image first, and the
/// whole chain costs one resampling.
/// </summary>
internal static class AdaGeometry
{
    /// <summary>StyleGAN2-ADA's maxima and spreads: integer translation up to an eighth of the side, scales
    /// lognormal with σ = 0.2·ln 2, fractional translation with σ = 0.125 of the side.</summary>
    const double IntegerShiftMax = 0.125, ScaleStd = 0.2, FractionalShiftStd = 0.125;

    /// <summary>Every geometric transform in StyleGAN2-ADA's order, for a batch of <paramref name="b"/> H×W images.</summary>
    public static Tensor Draw(long b, double p, long h, long w)
    {
        // Arbitrary rotation is drawn twice (around the anisotropic scaling), each with this probability, so a
        // sample is rotated at all with probability p.
        double pRotate = 1 - Math.Sqrt(1 - p);
        return XFlip(b, p).matmul(Rotate90(b, p)).matmul(IntegerTranslation(b, p, h, w)).matmul(IsotropicScaling(b, p))
            .matmul(Rotation(b, pRotate)).matmul(AnisotropicScaling(b, p)).matmul(Rotation(b, pRotate))
            .matmul(FractionalTranslation(b, p, h, w));
    }

    public static Tensor XFlip(long b, double p)
    {
        var flip = where(rand(b).lt(p), floor(rand(b).mul(2)), zeros(b));
        return Scale(flip.mul(-2).add(1), ones(b));
    }

    public static Tensor Rotate90(long b, double p)
    {
        var quarters = where(rand(b).lt(p), floor(rand(b).mul(4)), zeros(b));
        return Rotate(quarters.mul(-Math.PI / 2));
    }

    public static Tensor IntegerTranslation(long b, double p, long h, long w)
    {
        var t = where(rand(b, 1).lt(p), rand(b, 2).mul(2).sub(1).mul(IntegerShiftMax), zeros(b, 2));
        return Translate(t[.., 0].mul(w).round().neg(), t[.., 1].mul(h).round().neg());
    }

    public static Tensor IsotropicScaling(long b, double p)
    {
        var s = where(rand(b).lt(p), Exp2(randn(b).mul(ScaleStd)), ones(b));
        return Scale(s.reciprocal(), s.reciprocal());
    }

    /// <summary>Uniform in ±180°; the distribution is symmetric, so the inverse is drawn directly.</summary>
    public static Tensor Rotation(long b, double p) =>
        Rotate(where(rand(b).lt(p), rand(b).mul(2).sub(1).mul(Math.PI), zeros(b)));

    public static Tensor AnisotropicScaling(long b, double p)
    {
        var s = where(rand(b).lt(p), Exp2(randn(b).mul(ScaleStd)), ones(b));
        return Scale(s.reciprocal(), s);
    }

    public static Tensor FractionalTranslation(long b, double p, long h, long w)
    {
        var t = where(rand(b, 1).lt(p), randn(b, 2).mul(FractionalShiftStd), zeros(b, 2));
        return Translate(t[.., 0].mul(w).neg(), t[.., 1].mul(h).neg());
    }

    /// <summary>
    /// Resamples each image through its matrix: bilinear, with reflection where it reads beyond the border (what
    /// StyleGAN2-ADA pads with), so no black corners tell D that a picture was augmented. Pixel units become
    /// <c>affine_grid</c>'s [-1, 1] by the half-sides on both ends of the matrix.
    /// </summary>
    public static Tensor Warp(Tensor images, Tensor inverse)
    {
        long b = images.shape[0], h = images.shape[2], w = images.shape[3];
        var toUnit = Scale(full(b, 2.0f / w, device: inverse.device), full(b, 2.0f / h, device: inverse.device));
        var toPixels = Scale(full(b, w / 2.0f, device: inverse.device), full(b, h / 2.0f, device: inverse.device));
        var theta = toUnit.matmul(inverse).matmul(toPixels).narrow(1, 0, 2).to(images.device);
        return Sample(images, nn.functional.affine_grid(theta, images.shape, align_corners: false));
    }

    /// <summary>
    /// <c>grid_sample(bilinear, reflection, align_corners: false)</c> as gathers and weights. libtorch's own has no
    /// derivative of its backward, so R1, R2 and WGAN-GP, which differentiate D's input gradient, could not pass
    /// through it (StyleGAN2-ADA carries grid_sample_gradfix for the same reason); this is linear in the images
    /// with weights that need no gradient, so every order of derivative flows. Each corner and each coordinate is
    /// worked out in a dispose scope of its own: a step's scope would otherwise hold all ~40 intermediate B×H×W
    /// tensors of every call until the step ends (+400 MB a call at 128 px, batch 64; measured), where autograd keeps
    /// only what it needs (the indices and weights).
    /// </summary>
    public static Tensor Sample(Tensor images, Tensor grid)
    {
        using var scope = NewDisposeScope();
        long b = images.shape[0], c = images.shape[1], h = images.shape[2], w = images.shape[3];
        var x = Reflect(grid.select(3, 0).add(1).mul(w).sub(1).div(2), w);
        var y = Reflect(grid.select(3, 1).add(1).mul(h).sub(1).div(2), h);
        Tensor x0 = x.floor(), y0 = y.floor(), fx = x.sub(x0), fy = y.sub(y0);
        Tensor x1 = x0.add(1).clamp_max(w - 1), y1 = y0.add(1).clamp_max(h - 1);
        var pixels = images.reshape(b, c, h * w);
        Tensor Corner(Tensor row, Tensor col, Func<Tensor> weight)
        {
            using var inner = NewDisposeScope();
            var index = row.mul(w).add(col).to_type(ScalarType.Int64).view(b, 1, h * w).expand(b, c, h * w);
            return pixels.gather(2, index).mul(weight().view(b, 1, h * w)).MoveToOuterDisposeScope();
        }
        var sum = Corner(y0, x0, () => fy.neg().add(1).mul(fx.neg().add(1)));
        sum = sum.add_(Corner(y0, x1, () => fy.neg().add(1).mul(fx)));
        sum = sum.add_(Corner(y1, x0, () => fy.mul(fx.neg().add(1))));
        sum = sum.add_(Corner(y1, x1, () => fy.mul(fx)));
        return sum.view(b, c, h, w).MoveToOuterDisposeScope();
    }

    /// <summary>A pixel coordinate folded back into [−½, size − ½] by mirroring at the image's edges, as
    /// libtorch's reflection padding does without corner alignment, then kept on the pixel centres' range.</summary>
    static Tensor Reflect(Tensor coordinate, long size)
    {
        using var scope = NewDisposeScope();
        var distance = coordinate.add(0.5).abs();
        var even = distance.div(size).floor().remainder(2).eq(0);
        var within = distance.remainder(size);
        return where(even, within.sub(0.5), within.neg().add(size - 0.5)).clamp(0, size - 1).MoveToOuterDisposeScope();
    }

    static Tensor Exp2(Tensor x) => x.mul(Math.Log(2)).exp();

    static Tensor Translate(Tensor tx, Tensor ty)
    {
        var (o, i) = (zeros_like(tx), ones_like(tx));
        return Matrix(i, o, tx, o, i, ty, o, o, i);
    }

    /// <summary>diag(sx, sy, 1) per sample.</summary>
    public static Tensor Scale(Tensor sx, Tensor sy)
    {
        var (o, i) = (zeros_like(sx), ones_like(sx));
        return Matrix(sx, o, o, o, sy, o, o, o, i);
    }

    static Tensor Rotate(Tensor theta)
    {
        var (o, i, c, s) = (zeros_like(theta), ones_like(theta), theta.cos(), theta.sin());
        return Matrix(c, s.neg(), o, s, c, o, o, o, i);
    }

    /// <summary>B×3×3 from its nine entries row by row, each a length-B vector.</summary>
    static Tensor Matrix(params Tensor[] entries) => stack(entries, 1).view(-1, 3, 3);
}
