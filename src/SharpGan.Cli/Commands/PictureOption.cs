using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Cli.Commands;

/// <summary>One picture named by an option (<c>--content</c>, <c>--style</c>, <c>--in</c>): a failure names the option
/// and the file, which the loader's own reason ("not a decodable image") cannot.</summary>
static class PictureOption
{
    public static PreparedImage Load(string option, string path, int size)
    {
        try
        {
            return ImageLoader.Load(path, size, ResizeMode.Crop, (255, 255, 255));
        }
        catch (Exception e) when (e is InvalidDataException || InputFile.IsReadFailure(e))
        {
            throw new DataException($"{option} {path}: {InputFile.Reason(e)}", e);
        }
    }
}
