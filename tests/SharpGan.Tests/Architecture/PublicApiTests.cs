using System.Reflection;
using System.Text;

namespace SharpGan.Tests.Architecture;

/// <summary>
/// The library's public surface is a decision, written down in docs/api.md: this test fails when a type becomes
/// public or stops being public without the listing saying so. Regenerate the listing with
/// <c>SHARPGAN_WRITE_API=1 dotnet test --filter PublicApiTests</c> and review the diff.
/// </summary>
public class PublicApiTests
{
    static string Listing()
    {
        var types = typeof(SharpGan.Config.SharpGanConfig).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested)
            .OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal);
        var text = new StringBuilder("""
            # SharpGan's public API

            What a library user calls: everything else is internal. Generated from the assembly by
            `SHARPGAN_WRITE_API=1 dotnet test --filter PublicApiTests` (tests/SharpGan.Tests/Architecture/PublicApiTests.cs
            fails when this listing and the assembly disagree). The XML comments on each type say what it is for.

            """);
        foreach (var room in types.GroupBy(t => t.Namespace))
        {
            text.Append($"\n## `{room.Key}`\n\n");
            foreach (var t in room)
                text.Append($"- `{Name(t)}` — {Kind(t)}\n");
        }
        return text.ToString().Replace("\r", "");
    }

    static string Name(Type t) => t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(a => a.Name))}>" : t.Name;

    static string Kind(Type t) =>
        t.IsInterface ? "interface"
        : t.IsEnum ? "enum"
        : t.IsValueType ? (t.GetMethod("<Clone>$") is not null || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null ? "record struct" : "struct")
        : t.IsAbstract && t.IsSealed ? "static class"
        : t.GetMethod("<Clone>$") is not null ? "record"
        : typeof(Exception).IsAssignableFrom(t) ? "exception"
        : t.IsAbstract ? "abstract class" : "class";

    [Fact]
    public void The_public_types_are_the_ones_docs_api_md_lists()
    {
        var file = Repo.Path("docs", "api.md");
        var listing = Listing();
        if (Environment.GetEnvironmentVariable("SHARPGAN_WRITE_API") == "1") File.WriteAllText(file, listing);
        Assert.True(File.Exists(file) && File.ReadAllText(file).Replace("\r", "") == listing,
            "docs/api.md and the assembly's public types disagree: make the type internal, or regenerate the listing " +
            "(SHARPGAN_WRITE_API=1 dotnet test --filter PublicApiTests) and review the diff");
    }
}
