using System.Reflection;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The page's files, embedded in this assembly (Studio/wwwroot): served by this list of names only, so no request path
/// ever reaches a file system or an unlisted resource.
/// </summary>
static class PageFiles
{
    static readonly Dictionary<string, (string Resource, string ContentType)> Served = new(StringComparer.Ordinal)
    {
        ["/"] = ("studio/index.html", "text/html; charset=utf-8"),
        ["/studio.css"] = ("studio/studio.css", "text/css; charset=utf-8"),
        ["/studio.js"] = ("studio/studio.js", "text/javascript; charset=utf-8"),
    };

    static readonly Dictionary<string, byte[]> Bytes = Served.Values.ToDictionary(f => f.Resource, f => Read(f.Resource));

    public static IEnumerable<string> Paths => Served.Keys;

    public static (byte[] Bytes, string ContentType) Get(string path)
    {
        var (resource, type) = Served[path];
        return (Bytes[resource], type);
    }

    static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded (SharpGan.Cli.csproj embeds Studio/wwwroot)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
