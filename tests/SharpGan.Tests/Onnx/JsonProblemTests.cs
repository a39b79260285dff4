using System.Text.Json;
using SharpGan.Onnx;

namespace SharpGan.Tests.Onnx;

/// <summary>A JSON file that does not read is described by where and what, never by .NET's type names.</summary>
public class JsonProblemTests
{
    sealed record Inner(int Epoch);
    sealed record Outer(Inner State);

    static JsonException Failure(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Outer>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));

    [Fact]
    public void A_value_of_the_wrong_type_is_named_by_its_key()
    {
        var text = JsonProblem.Describe(Failure("""{"state": {"epoch": "three"}}"""));

        Assert.StartsWith("the value of state.epoch has the wrong type or form (line 1", text);
        Assert.DoesNotContain("System.", text);
    }

    [Fact]
    public void A_document_cut_short_is_not_well_formed()
    {
        Assert.StartsWith("not well-formed JSON at line 1", JsonProblem.Describe(Failure("""{"state": """)));
    }
}
