using System.Globalization;
using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// One of the car-logo ACGAN's augmentation codes: <c>fliph</c>, <c>flipv</c>, <c>noise_X</c> (Gaussian noise of variance X on
/// 0–1 intensities), <c>rot_X</c> (X degrees counter-clockwise), <c>trans_X_Y</c> (X pixels right, Y down),
/// <c>zoom_X1_Y1_X2_Y2</c> (the pixel box stretched to the whole picture) and <c>blur_X</c> (Gaussian, σ = X pixels).
/// </summary>
internal sealed record AugmentCode(string Text, string Name, double[] Arguments)
{
    static readonly Dictionary<string, (int Count, string Example)> Forms = new()
    {
        ["fliph"] = (0, "fliph"),
        ["flipv"] = (0, "flipv"),
        ["noise"] = (1, "noise_0.01"),
        ["rot"] = (1, "rot_90"),
        ["trans"] = (2, "trans_20_10"),
        ["zoom"] = (4, "zoom_0_0_20_20"),
        ["blur"] = (1, "blur_1.5"),
    };

    /// <exception cref="FormatException">The code is malformed; the message says what form it takes.</exception>
    // Bounds that keep a typo from asking for more memory than a machine has (a blur pads by 3σ a side, a zoom by the
    // box's reach beyond the picture), far beyond any picture SharpGan trains on.
    const double MaxBlur = 100;
    const int MaxPixels = 4096;

    public static AugmentCode Parse(string text)
    {
        var parts = text.Split('_');
        if (!Forms.TryGetValue(parts[0], out var form))
            throw new FormatException($"unknown augmentation code '{text}'; valid: {string.Join(", ", Forms.Values.Select(f => f.Example))}");
        var numbers = parts.Skip(1).Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (numbers.Length != form.Count || numbers.Any(double.IsNaN))
            throw new FormatException($"malformed augmentation code '{text}': {parts[0]} takes {form.Count} number(s), e.g. {form.Example}");
        var code = new AugmentCode(text, parts[0], numbers);
        code.Check();
        return code;
    }

    void Check()
    {
        string? problem = Name switch
        {
            "noise" when Arguments[0] <= 0 || Arguments[0] > 1 => "the variance must be in (0, 1]",
            "blur" when Arguments[0] <= 0 || Arguments[0] > MaxBlur => $"σ must be above 0 and at most {MaxBlur} pixels",
            "rot" when Math.Abs(Arguments[0]) > 360 => "the angle is in degrees, from -360 to 360",
            "trans" when Arguments.Any(a => a != Math.Round(a)) => "shifts are whole pixels",
            "zoom" when Arguments.Any(a => a != Math.Round(a)) => "box corners are whole pixels",
            "trans" or "zoom" when Arguments.Any(a => Math.Abs(a) > MaxPixels) => $"pixel offsets lie within ±{MaxPixels:N0}",
            "zoom" when Arguments[2] <= Arguments[0] || Arguments[3] <= Arguments[1] => "the box needs X1 < X2 and Y1 < Y2",
            _ => null,
        };
        if (problem is not null)
            throw new FormatException($"malformed augmentation code '{Text}': {problem}");
    }

    /// <summary>The code on a batch of pictures in [0, 1] (any channel count; alpha goes along).</summary>
    public Tensor Apply(Tensor images) => Name switch
    {
        "fliph" => ImageOps.FlipHorizontal(images),
        "flipv" => ImageOps.FlipVertical(images),
        "noise" => ColourOnly(images, x => ImageOps.Noise(x, Arguments[0])),
        "rot" => ImageOps.Rotate(images, full(images.shape[0], Arguments[0]), Fill.Zeros),
        "trans" => ImageOps.Translate(images, (int)Arguments[0], (int)Arguments[1], Fill.Zeros),
        "zoom" => ImageOps.Zoom(images, (int)Arguments[0], (int)Arguments[1], (int)Arguments[2], (int)Arguments[3], Fill.Zeros),
        "blur" => ImageOps.Blur(images, Arguments[0]),
        _ => throw new InvalidOperationException(Name),
    };

    /// <summary>Applies <paramref name="op"/> to the RGB channels and leaves an alpha channel as it was: noise on
    /// transparency would speckle the background.</summary>
    static Tensor ColourOnly(Tensor images, Func<Tensor, Tensor> op) =>
        images.shape[1] == 4 ? cat([op(images[.., ..3]), images[.., 3..]], 1) : op(images);
}
