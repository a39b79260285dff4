using Microsoft.ML.OnnxRuntime;

namespace SharpGan.Onnx;

/// <summary>
/// A generator exported by <c>sharpgan export</c> (a folder with <c>generator.json</c> and <c>generator.onnx</c>),
/// sampled through ONNX Runtime alone. It offers what SharpGan's checkpoint sampler offers for the same kind, and a seed
/// gives the same noise as there (<see cref="TorchCpuNoise"/>): images in batches from one noise stream, a near-square
/// grid (an ACGAN's rows running through its classes), a class, a grid of classes, tags, masks and pictures.
/// </summary>
public sealed class OnnxGenerator : IDisposable
{
    public const string ManifestFile = "generator.json";

    readonly GeneratorGraph graph;
    readonly ManifestTensor? noise, code, mask, picture;
    readonly IReadOnlyList<ManifestTensor> dropouts;
    readonly DropoutDraw dropoutDraw;

    public ExportManifest Manifest { get; }

    OnnxGenerator(ExportManifest manifest, GeneratorGraph graph, DropoutDraw dropoutDraw)
    {
        Manifest = manifest;
        this.graph = graph;
        this.dropoutDraw = dropoutDraw;
        noise = manifest.Input("noise");
        code = manifest.Input("code");
        mask = manifest.Input("mask");
        picture = manifest.Input("picture");
        dropouts = manifest.Inputs.Where(i => i.Name.StartsWith("dropout_", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Opens an export folder.</summary>
    /// <exception cref="ArgumentException">No such folder.</exception>
    /// <exception cref="InvalidDataException">A missing or unreadable manifest or ONNX file, a manifest that is not a
    /// generator's, or a graph that does not match its manifest; the message names the file.</exception>
    public static OnnxGenerator Open(string folder, DropoutDraw dropout = DropoutDraw.Seeded, SessionOptions? options = null)
    {
        if (!Directory.Exists(folder))
            throw new ArgumentException($"{folder}: no such folder (an export folder holds {ManifestFile} and generator.onnx)");
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new InvalidDataException($"{folder}: no {ManifestFile} (sharpgan export RUN --out DIR writes one)");
        var manifest = Checked(ExportManifest.Read(manifestPath), manifestPath);
        return new OnnxGenerator(manifest, new GeneratorGraph(Path.Combine(folder, manifest.Onnx), manifest, options), dropout);
    }

    public string Kind => Manifest.Kind;
    public int ImageSize => Manifest.ImageSize;

    /// <summary>True when the generator draws from noise alone (no masks, no pictures); an ACGAN's codes are made here.</summary>
    public bool DrawsFromNoise => noise is not null && mask is null && picture is null;

    /// <summary>The classes a conditional generator draws (or its tags); empty for an unconditional one.</summary>
    public IReadOnlyList<string> Classes => code is null ? [] : Manifest.Classes;

    /// <summary>True when <see cref="Classes"/> are tags that combine; a class grid then shows one tag alone per row.</summary>
    public bool MultiLabel => code is not null && Manifest.MultiLabel;

    public bool TakesMasks => mask is not null;
    public bool TranslatesPictures => picture is not null;

    /// <summary><paramref name="count"/> images from noise seeded by <paramref name="seed"/>, in batches of
    /// <paramref name="batch"/> from one stream; an ACGAN's classes run row by row through each batch's near-square grid.</summary>
    public IEnumerable<GeneratedImages> Batches(int count, long seed, int batch = 256)
    {
        NoiseAlone();
        return Stream(count, seed, batch, (_, n, values) =>
        {
            if (code is not null) values[code.Name] = OneHot(RowClasses(n));
        });
    }

    /// <summary>The images of <see cref="Batches(int, long, int)"/>, one picture each.</summary>
    public IEnumerable<RgbPicture> Images(int count, long seed, int batch = 256) =>
        Batches(count, seed, batch).SelectMany(PictureBytes.ToImages);

    /// <summary>One near-square grid of <paramref name="count"/> samples, drawn as one batch.</summary>
    public RgbPicture Grid(int count, long seed)
    {
        var images = Batches(count, seed, batch: count).Single();
        return PictureBytes.ToGrid(images, PictureBytes.GridColumns(count));
    }

    /// <summary>A grid with one row per class, <paramref name="perClass"/> samples each, drawn as one batch.</summary>
    public RgbPicture ClassGrid(int perClass, long seed)
    {
        var conditional = Conditional();
        int classes = Classes.Count;
        var images = Stream(classes * perClass, seed, classes * perClass, (_, n, values) =>
            values[conditional.Name] = OneHot(Enumerable.Range(0, n).Select(k => k / perClass).ToArray())).Single();
        return PictureBytes.ToGrid(images, perClass);
    }

    /// <summary>The index of a class by name; the message lists the classes there are.</summary>
    public int ClassIndex(string className)
    {
        Conditional();
        int index = Classes.ToList().IndexOf(className);
        return index >= 0 ? index : throw new ArgumentException($"no class '{className}'; this generator draws: {string.Join(", ", Classes)}");
    }

    /// <summary><paramref name="count"/> images of class <paramref name="className"/>.</summary>
    public IEnumerable<GeneratedImages> Batches(string className, int count, long seed, int batch = 256)
    {
        var conditional = Conditional();
        int index = ClassIndex(className);
        return Stream(count, seed, batch, (_, n, values) => values[conditional.Name] = OneHot(Enumerable.Repeat(index, n).ToArray()));
    }

    /// <summary><paramref name="count"/> images carrying all of <paramref name="tags"/> (and no other tag).</summary>
    public IEnumerable<GeneratedImages> Batches(IReadOnlyList<string> tags, int count, long seed, int batch = 256)
    {
        var tagged = MultiLabel ? code! : throw new ArgumentException("this export's generator does not take tags (it was not trained with data.labels = tags)");
        var hot = new float[Classes.Count];
        foreach (var tag in tags)
        {
            int index = Classes.ToList().IndexOf(tag);
            hot[index >= 0 ? index : throw new ArgumentException($"no tag '{tag}'; this generator knows: {string.Join(", ", Classes)}")] = 1;
        }
        return Stream(count, seed, batch, (_, n, values) =>
        {
            var codes = new float[n * hot.Length];
            for (int k = 0; k < n; k++) hot.CopyTo(codes, k * hot.Length);
            values[tagged.Name] = codes;
        });
    }

    /// <summary>One image per mask (<paramref name="masks"/>: N×1×S×S floats in [0, 1]), with noise seeded by <paramref name="seed"/>.</summary>
    public IEnumerable<GeneratedImages> Batches(ReadOnlyMemory<float> masks, long seed, int batch = 256)
    {
        var masked = mask ?? throw new ArgumentException($"this export's generator does not take masks (model.conditioning {Kind})");
        int plane = ImageSize * ImageSize;
        if (masks.Length % plane != 0)
            throw new ArgumentException($"{masks.Length} mask values: this generator takes B×1×{ImageSize}×{ImageSize}");
        return Stream(masks.Length / plane, seed, batch, (start, n, values) => values[masked.Name] = masks.Slice(start * plane, n * plane).ToArray());
    }

    /// <summary>
    /// G's picture for each input (<paramref name="pictures"/>: N×3×S×S floats in [-1, 1]). Pix2pix's dropout stays on:
    /// with <see cref="DropoutDraw.Seeded"/> the outputs vary with <paramref name="seed"/>.
    /// </summary>
    public IEnumerable<GeneratedImages> Translate(ReadOnlyMemory<float> pictures, long seed, int batch = 64)
    {
        var input = picture ?? throw new ArgumentException($"this export's generator does not translate pictures (model.conditioning {Kind})");
        int size = 3 * ImageSize * ImageSize;
        if (pictures.Length % size != 0)
            throw new ArgumentException($"{pictures.Length} picture values: this generator takes B×3×{ImageSize}×{ImageSize}");
        return Stream(pictures.Length / size, seed, batch, (start, n, values) => values[input.Name] = pictures.Slice(start * size, n * size).ToArray());
    }

    /// <summary>Floats of noise per sample (0 for a generator that takes none).</summary>
    public int NoiseLength => noise is null ? 0 : (int)PerSample(noise);

    /// <summary>Floats of code per sample: the number of classes or tags (0 for an unconditional generator).</summary>
    public int CodeLength => code is null ? 0 : (int)PerSample(code);

    /// <summary>
    /// One batch from noise the caller made (a seed's own noise, a variation around it, a step between two seeds):
    /// <paramref name="noiseValues"/> holds <paramref name="count"/> × <see cref="NoiseLength"/> floats, <paramref name="codes"/>
    /// count × <see cref="CodeLength"/> (one-hot classes or multi-hot tags) and <paramref name="masks"/> count×1×S×S in [0, 1]
    /// when the generator takes them. Dropout kept on at sampling is drawn from <paramref name="dropoutSeed"/>'s stream.
    /// </summary>
    public GeneratedImages FromNoise(int count, float[] noiseValues, float[]? codes = null, float[]? masks = null, long dropoutSeed = 0)
    {
        if (count < 1) throw new ArgumentException($"count {count}: must be at least 1");
        if (picture is not null)
            throw new ArgumentException($"this generator translates pictures (model.conditioning {Kind}): it takes no noise");
        var values = new Dictionary<string, float[]>();
        Put(noise, noiseValues, "noise");
        Put(code, codes, "code");
        Put(mask, masks, "mask");
        var stream = new TorchCpuNoise(dropoutSeed);
        foreach (var dropout in dropouts) values[dropout.Name] = KeepMask(dropout, count, stream);
        return graph.Run(count, values);

        void Put(ManifestTensor? input, float[]? given, string what)
        {
            if (input is null)
            {
                if (given is not null) throw new ArgumentException($"this generator takes no {what} (model.conditioning {Kind})");
                return;
            }
            long expected = count * PerSample(input);
            if (given is null || given.Length != expected)
                throw new ArgumentException($"{given?.Length ?? 0} {what} values: this generator takes {expected} for {count} sample(s)");
            values[input.Name] = given;
        }
    }

    /// <summary>Batches from one stream: per batch the noise, then the conditioning <paramref name="condition"/> puts
    /// in (no draws), then the dropout keep masks, in input order.</summary>
    IEnumerable<GeneratedImages> Stream(int count, long seed, int batch, Action<int, int, Dictionary<string, float[]>> condition)
    {
        if (count < 1) throw new ArgumentException($"count {count}: must be at least 1");
        if (batch < 1) throw new ArgumentException($"batch {batch}: must be at least 1");
        return Iterate();

        IEnumerable<GeneratedImages> Iterate()
        {
            var stream = new TorchCpuNoise(seed);
            for (int start = 0; start < count; start += batch)
            {
                int n = Math.Min(batch, count - start);
                var values = new Dictionary<string, float[]>();
                if (noise is not null) values[noise.Name] = stream.Normal((long)n * PerSample(noise));
                condition(start, n, values);
                foreach (var dropout in dropouts) values[dropout.Name] = KeepMask(dropout, n, stream);
                yield return graph.Run(n, values);
            }
        }
    }

    float[] KeepMask(ManifestTensor dropout, int n, TorchCpuNoise stream)
    {
        long length = (long)n * PerSample(dropout);
        if (dropoutDraw == DropoutDraw.Mean)
        {
            var ones = new float[length];
            Array.Fill(ones, 1f);
            return ones;
        }
        double p = dropout.Probability!.Value;
        float kept = (float)(1 / (1 - p));
        var values = stream.Uniform(length);
        for (long i = 0; i < length; i++) values[i] = values[i] >= p ? kept : 0f;
        return values;
    }

    /// <summary>Class per sample for a batch of <paramref name="n"/>: row by row of its near-square grid, cycling
    /// through the classes (SharpGan's ACGAN noise).</summary>
    int[] RowClasses(int n)
    {
        int columns = PictureBytes.GridColumns(n);
        return Enumerable.Range(0, n).Select(k => k / columns % Classes.Count).ToArray();
    }

    float[] OneHot(int[] labels)
    {
        int classes = Classes.Count;
        var codes = new float[labels.Length * classes];
        for (int k = 0; k < labels.Length; k++) codes[k * classes + labels[k]] = 1;
        return codes;
    }

    ManifestTensor Conditional() => code ?? throw new ArgumentException($"this export's generator has no classes (model.conditioning {Kind})");

    /// <summary>Refuses, before any noise is drawn, generators that need more than noise, saying what to give them.</summary>
    void NoiseAlone()
    {
        if (DrawsFromNoise) return;
        if (TakesMasks)
            throw new ArgumentException($"this generator draws where a mask says (model.conditioning {Kind}): give it masks (sharpgan sample --onnx DIR --mask FILE|FOLDER)");
        if (TranslatesPictures)
            throw new ArgumentException($"this generator translates pictures (model.conditioning {Kind}): give it pictures (sharpgan sample --onnx DIR --in IMAGE|FOLDER)");
        throw new ArgumentException($"this generator does not draw from noise alone (model.conditioning {Kind})");
    }

    static long PerSample(ManifestTensor input) => input.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>What this class relies on, checked once: a generator manifest whose inputs it knows, noise drawn as it draws it.</summary>
    static ExportManifest Checked(ExportManifest manifest, string path)
    {
        if (manifest.What != "generator")
            throw new InvalidDataException($"{path}: a {manifest.What} export, not a generator");
        if (manifest.ImageSize < 1)
            throw new InvalidDataException($"{path}: image_size {manifest.ImageSize}");
        string[] known = ["noise", "code", "mask", "picture"];
        foreach (var input in manifest.Inputs)
        {
            bool isDropout = input.Name?.StartsWith("dropout_", StringComparison.Ordinal) == true;
            if (!known.Contains(input.Name) && !isDropout)
                throw new InvalidDataException($"{path}: input '{input.Name}' is none this library gives (noise, code, mask, picture, dropout_N)");
            if (input.Shape is not { Count: >= 2 } || input.Shape[0] != -1 || input.Shape.Skip(1).Any(d => d < 1))
                throw new InvalidDataException($"{path}: input '{input.Name}' has shape [{string.Join(", ", input.Shape ?? [])}]; expected [-1, sizes…]");
            if (isDropout && input.Probability is not (>= 0 and < 1))
                throw new InvalidDataException($"{path}: input '{input.Name}' has no dropout probability in [0, 1)");
        }
        if (manifest.Input("code") is { } code && code.Shape[1] != (manifest.Classes?.Count ?? 0))
            throw new InvalidDataException($"{path}: code has {code.Shape[1]} entries but {manifest.Classes?.Count ?? 0} classes are listed");
        bool draws = manifest.Inputs.Any(i => i.Name == "noise" || i.Name.StartsWith("dropout_", StringComparison.Ordinal));
        if (draws && manifest.Noise != ExportManifest.TorchCpuNoise)
            throw new InvalidDataException($"{path}: noise drawn as '{manifest.Noise}'; this library draws '{ExportManifest.TorchCpuNoise}'");
        return manifest;
    }

    public void Dispose() => graph.Dispose();
}
