using SharpGan.Data;
using SharpGan.Onnx;
using static TorchSharp.torch;

namespace SharpGan.Tests.Onnx;

/// <summary>
/// Sampling a contract graph through <see cref="OnnxGenerator"/>: the inputs it feeds are those SharpGan's checkpoint
/// sampling makes for the seed (noise from TorchSharp's own generator here, codes as the ACGAN recipe lays them out),
/// and it refuses what a generator does not take.
/// </summary>
public class OnnxGeneratorTests : IDisposable
{
    const float Tolerance = 1e-5f;
    readonly TempDir dir = new();

    OnnxGenerator Open(ContractGraph graph, DropoutDraw dropout = DropoutDraw.Seeded) =>
        OnnxGenerator.Open(graph.WriteTo(dir[graph.Kind + (graph.MultiLabel ? "-tags" : "")]), dropout);

    [Fact]
    public void Noise_batches_are_torch_noise_from_one_stream()
    {
        var graph = ContractGraph.Dcgan;
        using var generator = Open(graph);

        var batches = generator.Batches(300, seed: 5, batch: 256).ToList();

        using var torchGenerator = new Generator(5);
        Assert.Equal([256, 44], batches.Select(b => b.Count));
        foreach (var batch in batches)
        {
            var noise = Floats(randn([batch.Count, 4, 2, 2], generator: torchGenerator));
            AssertClose(graph.Reference(batch.Count, new Dictionary<string, float[]> { ["noise"] = noise }), batch.Values);
        }
    }

    [Fact]
    public void An_acgan_batch_runs_its_rows_through_the_classes_as_the_recipe_does()
    {
        var graph = ContractGraph.Acgan;
        using var generator = Open(graph);

        var batch = generator.Batches(10, seed: 3).Single();

        using var torchGenerator = new Generator(3);
        var noise = Floats(randn([10, 4, 2, 2], generator: torchGenerator));
        // AcganRecipe.Noise: arange(n) / ⌈√n⌉ (floor) mod K, one-hot.
        var code = Floats(nn.functional.one_hot(arange(10).div(4, rounding_mode: RoundingMode.floor).remainder(3), 3).to_type(ScalarType.Float32));
        AssertClose(graph.Reference(10, new Dictionary<string, float[]> { ["noise"] = noise, ["code"] = code }), batch.Values);
    }

    [Fact]
    public void A_class_grid_has_a_row_per_class_from_one_draw()
    {
        var graph = ContractGraph.Acgan;
        using var generator = Open(graph);

        var grid = generator.ClassGrid(perClass: 4, seed: 11);

        using var torchGenerator = new Generator(11);
        var noise = Floats(randn([12, 4, 2, 2], generator: torchGenerator));
        var code = Floats(nn.functional.one_hot(arange(3).repeat_interleave(4), 3).to_type(ScalarType.Float32));
        var expected = graph.Reference(12, new Dictionary<string, float[]> { ["noise"] = noise, ["code"] = code });
        Assert.Equal((4 * 8 + 5 * 2, 3 * 8 + 4 * 2), (grid.Width, grid.Height));
        AssertPixelsNear(ImageTensors.ToGrid(tensor(expected, [12, 3, 8, 8]), 4).Pixels, grid.Pixels);
    }

    [Fact]
    public void A_class_by_name_and_tags_give_their_codes_and_unknown_names_list_the_known()
    {
        using var acgan = Open(ContractGraph.Acgan);
        var graph = ContractGraph.Tags;
        using var tagged = Open(graph);

        var star = acgan.Batches("star", 2, seed: 1).Single();
        var both = tagged.Batches(["red hair", "smile"], 2, seed: 1).Single();

        using var torchGenerator = new Generator(1);
        var noise = Floats(randn([2, 4, 2, 2], generator: torchGenerator));
        AssertClose(ContractGraph.Acgan.Reference(2, new Dictionary<string, float[]> { ["noise"] = noise, ["code"] = [0, 0, 1, 0, 0, 1] }), star.Values);
        AssertClose(graph.Reference(2, new Dictionary<string, float[]> { ["noise"] = noise, ["code"] = [1, 0, 1, 1, 0, 1] }), both.Values);
        Assert.Equal("no class 'moon'; this generator draws: circle, square, star", Assert.Throws<ArgumentException>(() => acgan.Batches("moon", 1, 0).ToList()).Message);
        Assert.Equal("no tag 'green hair'; this generator knows: red hair, blue eyes, smile", Assert.Throws<ArgumentException>(() => tagged.Batches(["green hair"], 1, 0).ToList()).Message);
        Assert.Equal("this export's generator does not take tags (it was not trained with data.labels = tags)", Assert.Throws<ArgumentException>(() => acgan.Batches(["star"], 1, 0)).Message);
    }

    [Fact]
    public void Masks_are_fed_in_batches_beside_the_seeds_noise()
    {
        var graph = ContractGraph.MaskConditioned;
        using var generator = Open(graph);
        var masks = Enumerable.Range(0, 3 * 64).Select(i => (float)(i % 3 == 0 ? 1 : 0)).ToArray();

        var batches = generator.Batches(masks, seed: 8, batch: 2).ToList();

        using var torchGenerator = new Generator(8);
        Assert.Equal([2, 1], batches.Select(b => b.Count));
        int start = 0;
        foreach (var batch in batches)
        {
            var noise = Floats(randn([batch.Count, 4, 2, 2], generator: torchGenerator));
            AssertClose(graph.Reference(batch.Count, new Dictionary<string, float[]> { ["noise"] = noise, ["mask"] = masks[(start * 64)..((start + batch.Count) * 64)] }), batch.Values);
            start += batch.Count;
        }
    }

    [Fact]
    public void Pix2pix_dropout_is_drawn_from_the_seed_or_held_at_its_mean()
    {
        var graph = ContractGraph.Pix2Pix;
        using var seeded = Open(graph);
        using var mean = OnnxGenerator.Open(dir["pix2pix"], DropoutDraw.Mean);
        var pictures = Enumerable.Range(0, 2 * 192).Select(i => MathF.Sin(i * 0.3f)).ToArray();

        var drawn = seeded.Translate(pictures, seed: 4).Single();
        var held = mean.Translate(pictures, seed: 4).Single();

        using var torchGenerator = new Generator(4);
        var keep = Floats(rand([2, ContractGraph.Hidden, 1, 1], generator: torchGenerator).ge(0.5).to_type(ScalarType.Float32).div(0.5));
        AssertClose(graph.Reference(2, new Dictionary<string, float[]> { ["picture"] = pictures, ["dropout_0"] = keep }), drawn.Values);
        AssertClose(graph.Reference(2, new Dictionary<string, float[]> { ["picture"] = pictures, ["dropout_0"] = Enumerable.Repeat(1f, 2 * ContractGraph.Hidden).ToArray() }), held.Values);
        Assert.NotEqual(drawn.Values, seeded.Translate(pictures, seed: 5).Single().Values);
        Assert.Equal(held.Values, mean.Translate(pictures, seed: 5).Single().Values);
    }

    [Fact]
    public void A_grid_and_images_are_the_batch_as_SharpGan_tiles_and_splits_it()
    {
        using var generator = Open(ContractGraph.Dcgan);
        var batch = generator.Batches(10, seed: 2).Single();
        using var images = tensor(batch.Values, [10, 3, 8, 8]);

        Assert.Equal(ImageTensors.ToGrid(images, 4).Pixels, generator.Grid(10, seed: 2).Pixels);
        Assert.Equal(ImageTensors.ToImages(images).Select(i => i.Pixels), generator.Images(10, seed: 2).Select(p => p.Pixels));
    }

    [Fact]
    public void What_a_generator_does_not_take_is_refused_with_what_it_needs()
    {
        using var dcgan = Open(ContractGraph.Dcgan);
        using var masked = Open(ContractGraph.MaskConditioned);
        using var pix2pix = Open(ContractGraph.Pix2Pix);

        Assert.Equal("this export's generator has no classes (model.conditioning none)", Assert.Throws<ArgumentException>(() => dcgan.ClassGrid(2, 0)).Message);
        Assert.Equal("this export's generator does not take masks (model.conditioning none)", Assert.Throws<ArgumentException>(() => dcgan.Batches(new float[64], 0)).Message);
        Assert.Equal("this export's generator does not translate pictures (model.conditioning none)", Assert.Throws<ArgumentException>(() => dcgan.Translate(new float[192], 0)).Message);
        Assert.Equal("this generator draws where a mask says (model.conditioning mask): give it masks (sharpgan sample --onnx DIR --mask FILE|FOLDER)",
            Assert.Throws<ArgumentException>(() => masked.Grid(4, 0)).Message);
        Assert.Equal("this generator translates pictures (model.conditioning pix2pix): give it pictures (sharpgan sample --onnx DIR --in IMAGE|FOLDER)",
            Assert.Throws<ArgumentException>(() => pix2pix.Batches(4, 0)).Message);
        Assert.Equal("100 mask values: this generator takes B×1×8×8", Assert.Throws<ArgumentException>(() => masked.Batches(new float[100], 0)).Message);
    }

    [Fact]
    public void A_folder_without_a_good_manifest_or_graph_is_refused_in_one_line_naming_the_file()
    {
        var missing = dir["nowhere"];
        Assert.Equal($"{missing}: no such folder (an export folder holds generator.json and generator.onnx)", Assert.Throws<ArgumentException>(() => OnnxGenerator.Open(missing)).Message);

        var empty = Directory.CreateDirectory(dir["empty"]).FullName;
        Assert.Equal($"{empty}: no generator.json (sharpgan export RUN --out DIR writes one)", Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(empty)).Message);

        var folder = ContractGraph.Dcgan.WriteTo(dir["export"]);
        var onnx = Path.Combine(folder, "generator.onnx");
        File.WriteAllBytes(onnx, [1, 2, 3, 4]);
        var damaged = Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(folder)).Message;
        Assert.StartsWith($"{onnx}: ONNX Runtime cannot load it (", damaged);
        Assert.DoesNotContain("\n", damaged);

        File.Delete(onnx);
        Assert.Equal($"{onnx}: no such file (the manifest names 'generator.onnx')", Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(folder)).Message);

        // A graph that takes other inputs than its manifest lists: an ACGAN's graph under a DCGAN's manifest.
        ContractGraph.Acgan.WriteTo(dir["acgan"]);
        File.Copy(Path.Combine(dir["acgan"], "generator.onnx"), onnx);
        Assert.Equal($"{onnx}: the graph takes code, noise; its manifest lists noise", Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(folder)).Message);

        // A latent of another size than the graph's.
        var wider = ContractGraph.Dcgan.WriteTo(dir["wider"]);
        new ContractGraph { Kind = "none", Latent = (4, 3) }.WriteTo(dir["wider-manifest"]);
        File.Copy(Path.Combine(dir["wider-manifest"], "generator.json"), Path.Combine(wider, "generator.json"), overwrite: true);
        Assert.Equal($"{Path.Combine(wider, "generator.onnx")}: input 'noise' is [-1, 4, 2, 2] in the graph, [-1, 4, 3, 3] in its manifest",
            Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(wider)).Message);

        var json = Path.Combine(folder, "generator.json");
        File.WriteAllText(json, "{ not json");
        Assert.StartsWith($"{json}: not an export manifest (", Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(folder)).Message);

        // A manifest whose graph lies outside its folder is refused before anything is opened.
        File.Copy(Path.Combine(wider, "generator.json"), json, overwrite: true);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"generator.onnx\"", "\"../../../etc/passwd\""));
        Assert.Equal($"{json}: onnx '../../../etc/passwd' must name a file beside the manifest", Assert.Throws<InvalidDataException>(() => OnnxGenerator.Open(folder)).Message);
    }

    static float[] Floats(Tensor t)
    {
        using (t) return t.contiguous().data<float>().ToArray();
    }

    static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float max = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(max <= Tolerance, $"max |Δ| {max}");
    }

    /// <summary>Bytes of pictures made from floats that differ by rounding alone: at most one step apart.</summary>
    static void AssertPixelsNear(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max() <= 1);
    }

    public void Dispose() => dir.Dispose();
}
