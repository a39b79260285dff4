using SharpGan.Cli.Commands;
using SharpGan.Data;
using SkiaSharp;

namespace SharpGan.Cli.Studio;

/// <summary>
/// A PNG sent to the studio (a painted or loaded mask, a pix2pix drawing): its size is read from the header before any
/// pixel is decoded, so a small file that would decode to a huge bitmap is refused cheaply; then SharpGan's own readers
/// (<see cref="MaskFolder"/>, <see cref="PictureOption"/>) bring it to the generator's size exactly as
/// <c>sharpgan sample --mask</c> and <c>--in</c> do.
/// </summary>
static class UploadedPicture
{
    public const int MaxSide = 1024;

    /// <summary>The mask as the generator takes it (S×S bytes, 0 or 255: binarised at 0.5, resized when square of another
    /// size) and the reader's warnings (empty, full, gray, resized).</summary>
    public static (byte[] Mask, IReadOnlyList<string> Warnings) Mask(byte[] png, int size)
    {
        var (width, height) = Bounds(png);
        if (width != height)
            throw StudioError.Bad($"the mask is {width}×{height}; this generator takes square masks ({size}×{size}; a square mask of another size is resized)");
        return InFile(png, "mask.png", path =>
        {
            var set = MaskFolder.Load(path, size);
            return (set.Masks, set.Warnings);
        });
    }

    /// <summary>The picture as pix2pix takes it: S×S RGB bytes in planes (CHW, as the network reads them), centre-cropped
    /// and resized, transparency on white.</summary>
    public static byte[] Picture(byte[] png, int size)
    {
        Bounds(png);
        return InFile(png, "picture.png", path => PictureOption.Load("the upload", path, size).Rgb);
    }

    static (int Width, int Height) Bounds(byte[] png)
    {
        if (png.Length == 0) throw StudioError.Bad("the upload is empty: send a PNG picture as the body");
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
            throw StudioError.Bad("the upload is not a decodable PNG picture");
        var info = codec.Info;
        if (info.Width > MaxSide || info.Height > MaxSide)
            throw StudioError.Bad($"the upload is {info.Width}×{info.Height}; at most {MaxSide}×{MaxSide}");
        return (info.Width, info.Height);
    }

    /// <summary>The reader's refusal of the file, also when it read in parallel (MaskFolder) and it comes wrapped.</summary>
    static Exception? Refusal(Exception e) => e switch
    {
        DataException or InvalidDataException => e,
        AggregateException { InnerExceptions: [var inner] } => Refusal(inner),
        _ => null,
    };

    /// <summary>SharpGan's readers take files: the upload goes into a fresh private folder for the call, and any message
    /// that names the file names "the upload" instead of a temporary path.</summary>
    static T InFile<T>(byte[] bytes, string name, Func<string, T> read)
    {
        var folder = Directory.CreateTempSubdirectory("sharpgan-studio-");
        var path = Path.Combine(folder.FullName, name);
        try
        {
            File.WriteAllBytes(path, bytes);
            return read(path);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            throw StudioError.Bad(refusal.Message.Replace(path, "the upload").Replace(folder.FullName, "the upload").Split('\n', 2)[0]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
