namespace SharpGan.Cli.Commands;

/// <summary>The names <c>sharpgan sample</c> writes, from a checkpoint or an export alike: numbered pictures in a
/// folder, or one picture at a .png path (or by a default name inside a folder). Known before the first picture is
/// drawn, so they can be claimed (<see cref="OutputFiles"/>) before the work.</summary>
static class SampleFiles
{
    /// <summary>The <paramref name="k"/>-th picture's file: PREFIX00000.png, PREFIX00001.png, …</summary>
    public static string Numbered(string folder, string prefix, int k) => Path.Combine(folder, $"{prefix}{k:D5}.png");

    /// <summary>The files of <paramref name="count"/> numbered pictures.</summary>
    public static IEnumerable<string> AllNumbered(string folder, string prefix, int count) =>
        Enumerable.Range(0, count).Select(k => Numbered(folder, prefix, k));

    /// <summary>Anything but a .png names a folder to write into.</summary>
    public static string FileOrIn(string target, string name) =>
        target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? target : Path.Combine(target, name);
}
