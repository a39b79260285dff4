using Mono.Cecil;
using Mono.Cecil.Cil;

namespace SharpGan.Tests.Architecture;

/// <summary>
/// docs/architecture.md's arrows, checked: which room (namespace under SharpGan) each room of the library references,
/// read from the compiled IL — fields, signatures, base types, and every type, method and field an instruction
/// names — against the rooms it may reference. A new room, or a new arrow, is a decision made here on purpose.
/// </summary>
public class RoomArrowTests
{
    static readonly string[] Foundation = ["Native", "Config", "Compute"];

    /// <summary>Each room and the rooms below it that it may use.</summary>
    static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Native"] = [],
        ["Config"] = [],
        ["Compute"] = ["Native", "Config"],
        ["Data"] = [.. Foundation],
        ["Data.Augment"] = [.. Foundation, "Data"],
        ["Files"] = [.. Foundation, "Data", "Onnx"],   // the PNG writer SharpGan.Onnx holds for both samplers
        ["Pretrained"] = [.. Foundation],
        ["Models"] = [.. Foundation, "Data"],
        ["Losses"] = [.. Foundation, "Data", "Models"],
        ["Metrics"] = [.. Foundation, "Data", "Data.Augment", "Files", "Models", "Pretrained"],
        ["Recipes"] = [.. Foundation, "Data", "Data.Augment", "Models", "Losses", "Recipes.Kinds"],
        ["Recipes.Kinds"] = [.. Foundation, "Data", "Data.Augment", "Models", "Losses", "Recipes"],   // a kind and its recipe are one idea
        // and Onnx's JsonProblem, the words for a checkpoint's manifest that does not read, as for an export's
        ["Training"] = [.. Foundation, "Data", "Data.Augment", "Files", "Models", "Losses", "Recipes", "Recipes.Kinds", "Training.Tricks", "Onnx"],
        ["Training.Tricks"] = [.. Foundation, "Data", "Models", "Losses", "Recipes", "Training"],   // pieces of the trainer, reading its records
        ["Segmentation"] = [.. Foundation, "Data", "Data.Augment", "Files", "Models", "Losses", "Metrics", "Pretrained"],
        ["DataTools"] = [.. Foundation, "Data", "Data.Augment", "Files"],
        ["Style"] = [.. Foundation, "Data", "Files", "Pretrained"],
        ["TaskEvaluation"] = [.. Foundation, "Data", "Files", "Models", "Losses", "Metrics", "Pretrained", "Recipes", "Recipes.Kinds", "Training", "Segmentation"],
        ["Reporting"] = [.. Foundation, "Data", "Files", "Metrics", "Recipes", "Recipes.Kinds", "Training", "TaskEvaluation"],
        ["Bench"] = [.. Foundation, "Data", "Data.Augment", "DataTools", "Files", "Models", "Losses", "Recipes", "Recipes.Kinds", "Training", "Export", "Reporting"],
        // The exporter reads a run as sampling does and writes what the runtime library (SharpGan.Onnx, its own assembly) reads.
        ["Export"] = [.. Foundation, "Data", "Models", "Recipes", "Recipes.Kinds", "Training", "Segmentation", "Metrics", "Onnx"],
    };

    static string? Room(string? ns) =>
        ns is null || !ns.StartsWith("SharpGan.", StringComparison.Ordinal) ? null : ns["SharpGan.".Length..];

    static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is { } b) yield return b;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var f in type.Fields) yield return f.FieldType;
        foreach (var p in type.Properties) yield return p.PropertyType;
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var p in m.Parameters) yield return p.ParameterType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var instruction in m.Body.Instructions)
                switch (instruction.Operand)
                {
                    case TypeReference t: yield return t; break;
                    case MethodReference r:
                        yield return r.DeclaringType;
                        yield return r.ReturnType;
                        foreach (var p in r.Parameters) yield return p.ParameterType;
                        break;
                    case FieldReference f: yield return f.DeclaringType; yield return f.FieldType; break;
                }
        }
        foreach (var nested in type.NestedTypes)
            foreach (var t in Referenced(nested)) yield return t;
    }

    /// <summary>The namespaces a (possibly generic, array or nested) type reference stands for.</summary>
    static IEnumerable<string> Namespaces(TypeReference t)
    {
        while (t is TypeSpecification spec and not GenericInstanceType) t = spec.ElementType;
        if (t is GenericInstanceType g)
        {
            foreach (var a in g.GenericArguments)
                foreach (var n in Namespaces(a)) yield return n;
            t = g.ElementType;
        }
        while (t.DeclaringType is not null) t = t.DeclaringType;
        yield return t.Namespace;
    }

    [Fact]
    public void Every_room_references_only_the_rooms_below_it()
    {
        using var module = ModuleDefinition.ReadModule(typeof(SharpGan.Config.SharpGanConfig).Assembly.Location);
        var arrows = new SortedSet<string>();
        var unknown = new SortedSet<string>();
        foreach (var type in module.Types)
        {
            if (Room(type.Namespace) is not { } from) continue;
            if (!MayUse.TryGetValue(from, out var allowed)) { unknown.Add(from); continue; }
            foreach (var to in Referenced(type).SelectMany(Namespaces).Select(Room).OfType<string>().Distinct())
                if (to != from && !allowed.Contains(to))
                    arrows.Add($"{from} → {to} ({type.Name})");
        }
        Assert.True(unknown.Count == 0, "rooms without rules (add them to MayUse): " + string.Join(", ", unknown));
        Assert.True(arrows.Count == 0, "arrows that point up or sideways:\n" + string.Join("\n", arrows));
    }
}
