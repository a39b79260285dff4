using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using SharpGan.Onnx;

namespace SharpGan.Tests.Onnx;

/// <summary>
/// An export run in a second runtime: scripts/onnx-node-check.mjs in onnxruntime-node 1.30.0 against ONNX Runtime .NET's
/// outputs for the same inputs. <see cref="MaxDifference"/> takes any export folder (SampleParityTests runs the real
/// DCGAN, ACGAN and mask exports through it).
/// </summary>
public class NodeCheckTests
{
    const double Tolerance = 1e-4;
    static readonly string Modules = Repo.Path("scripts", "node");

    [Fact]
    public void Contract_graphs_give_node_the_outputs_they_give_dotnet()
    {
        using var dir = new TempDir();
        foreach (var graph in new[] { ContractGraph.Dcgan, ContractGraph.Acgan, ContractGraph.MaskConditioned, ContractGraph.Pix2Pix })
        {
            double max = MaxDifference(graph.WriteTo(dir[graph.Kind]), dir[graph.Kind + ".json"]);
            Assert.True(max <= Tolerance, $"{graph.Kind}: max |Δ| {max}");
        }
    }

    [Fact]
    public void A_wrong_expectation_fails_the_check()
    {
        using var dir = new TempDir();
        var export = ContractGraph.Dcgan.WriteTo(dir["export"]);
        WriteCases(export, dir["cases.json"], batch: 2, seed: 1, offset: 1e-3f);

        var (exit, output) = RunScript(export, dir["cases.json"]);

        Assert.Equal(1, exit);
        Assert.Matches(@"max \|Δ\| 1\.0\d\de-3 \(tolerance 0\.0001", output);
    }

    /// <summary>
    /// Inputs for <paramref name="batch"/> samples made from the manifest (noise from the seed's torch stream, one-hot
    /// codes, uniform masks and pictures in their ranges, dropout keep masks), every manifest output computed by ONNX Runtime
    /// .NET, then the same inputs run through onnxruntime-node: the largest |Δ| the script reports.
    /// </summary>
    public static double MaxDifference(string exportDir, string casesFile, string manifestName = "generator.json", int batch = 3, long seed = 7)
    {
        WriteCases(exportDir, casesFile, batch, seed, offset: 0, manifestName);
        var (exit, output) = RunScript(exportDir, casesFile, manifestName);
        Assert.True(exit is 0 or 1, output);
        var max = Regex.Match(output, @"^max \|Δ\| (\S+) ", RegexOptions.Multiline);
        Assert.True(max.Success, output);
        return double.Parse(max.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    static void WriteCases(string exportDir, string casesFile, int batch, long seed, float offset, string manifestName = "generator.json")
    {
        var manifest = ExportManifest.Read(Path.Combine(exportDir, manifestName));
        var noise = new TorchCpuNoise(seed);
        var inputs = manifest.Inputs.ToDictionary(i => i.Name, i => (Shape: Batched(i.Shape, batch), Data: Values(i, batch, noise, manifest.Classes?.Count ?? 0)));
        using var session = new InferenceSession(Path.Combine(exportDir, manifest.Onnx));
        var values = inputs.Values.Select(i => OrtValue.CreateTensorValueFromMemory(i.Data, i.Shape)).ToList();
        using var results = session.Run(new RunOptions(), inputs.Keys.ToList(), values, manifest.Outputs.Select(o => o.Name).ToList());
        var outputs = manifest.Outputs.Select((o, k) => (o.Name, Shape: results[k].GetTensorTypeAndShape().Shape,
            Data: results[k].GetTensorDataAsSpan<float>().ToArray().Select(v => v + offset).ToArray())).ToList();
        foreach (var value in values) value.Dispose();
        var cases = new
        {
            cases = new[]
            {
                new
                {
                    inputs = inputs.ToDictionary(i => i.Key, i => new { shape = i.Value.Shape, data = i.Value.Data }),
                    outputs = outputs.ToDictionary(o => o.Name, o => new { shape = o.Shape, data = o.Data }),
                },
            },
        };
        File.WriteAllText(casesFile, JsonSerializer.Serialize(cases));
    }

    static long[] Batched(IReadOnlyList<long> shape, int batch) => shape.Select(d => d < 0 ? batch : d).ToArray();

    static float[] Values(ManifestTensor input, int batch, TorchCpuNoise noise, int classes)
    {
        long length = Batched(input.Shape, batch).Aggregate(1L, (a, b) => a * b);
        if (input.Probability is { } p)
            return noise.Uniform(length).Select(u => u >= p ? (float)(1 / (1 - p)) : 0f).ToArray();
        if (input.Name == "code")
            return Enumerable.Range(0, (int)length).Select(i => i % classes == i / classes % classes ? 1f : 0f).ToArray();
        if (input is { Min: { } min, Max: { } max })
            return noise.Uniform(length).Select(u => (float)(min + u * (max - min))).ToArray();
        return noise.Normal(length);
    }

    static (int Exit, string Output) RunScript(string exportDir, string casesFile, string manifestName = "generator.json")
    {
        EnsureInstalled();
        return ChildProcess.Run("node", [Repo.Path("scripts", "onnx-node-check.mjs"), "--modules", Modules, exportDir, casesFile, "--manifest", manifestName]);
    }

    /// <summary>onnxruntime-node 1.30.0 in scripts/node/node_modules (gitignored), installed once and kept: the install
    /// script is skipped since it would fetch GPU binaries, and the CPU library is in the package.</summary>
    static void EnsureInstalled()
    {
        Assert.True(ChildProcess.OnPath("node") is not null && ChildProcess.OnPath("npm") is not null,
            "node or npm is not on PATH: scripts/onnx-node-check.mjs needs Node.js and npm (.ci/run installs Debian's nodejs and npm)");
        var installed = Path.Combine(Modules, "node_modules", "onnxruntime-node", "package.json");
        if (File.Exists(installed) && JsonDocument.Parse(File.ReadAllText(installed)).RootElement.GetProperty("version").GetString() == "1.30.0") return;
        var (exit, output) = ChildProcess.Run("npm", ["install", "--ignore-scripts", "--no-package-lock", "--no-audit", "--no-fund"], Modules, timeoutSeconds: 300);
        Assert.True(exit == 0, $"npm install in {Modules} failed: {output}");
    }
}
