using ImageMagick;
using SharpGan.Onnx;

namespace SharpGan.Cli.Studio;

/// <summary>An interpolation strip as an animated GIF (Magick.NET, as the training GIF): forth and back, so it loops without a jump.</summary>
static class StripGif
{
    public static byte[] Encode(IReadOnlyList<RgbPicture> frames, int frameMilliseconds = 120)
    {
        using var gif = new MagickImageCollection();
        var order = frames.Concat(frames.Reverse().Skip(1).SkipLast(1)).ToList();
        foreach (var frame in order)
        {
            var image = new MagickImage(frame.Pixels, new PixelReadSettings((uint)frame.Width, (uint)frame.Height, StorageType.Char, PixelMapping.RGB))
            {
                AnimationDelay = (uint)Math.Max(1, frameMilliseconds / 10),
            };
            gif.Add(image);
        }
        gif.Quantize(new QuantizeSettings { Colors = 256, DitherMethod = DitherMethod.No });
        return gif.ToByteArray(MagickFormat.Gif);
    }
}
