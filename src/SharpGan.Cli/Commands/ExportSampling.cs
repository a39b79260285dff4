using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Onnx;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary>
/// <c>sharpgan sample --onnx DIR</c>: an export sampled through ONNX Runtime (<see cref="OnnxGenerator"/>), with the
/// options and output names of checkpoint sampling. Masks and pictures are read by SharpGan's own readers, which give
/// bytes; no torch tensor is made on this path.
/// </summary>
static class ExportSampling
{
    public sealed record Request(string Folder, int Count, long Seed, bool Grid, string Target, string? ClassName, bool ClassGrid,
        string? Tags, string? Mask, bool Figure, string? Pictures, bool Overwrite)
    {
        /// <summary>Claims the files about to be written (<see cref="OutputFiles"/>).</summary>
        public void Claim(IEnumerable<string> files) => OutputFiles.Claim("--out", files, Overwrite);

        public void Claim(string file) => Claim([file]);
    }

    public static int Run(Request request, DropoutDraw dropout, string device, CancellationToken cancel = default)
    {
        // ONNX Runtime and the manifest reader open their files blindly, and a FIFO would block them for ever.
        foreach (var part in new[] { "generator.json", "generator.onnx" })
            if (Path.Combine(request.Folder, part) is var file && File.Exists(file) && InputFile.Problem(file) is { } notAFile)
                throw new InvalidDataException($"{file}: {notAFile}");
        using var options = OnnxDevice.Options(device);
        using var generator = OnnxGenerator.Open(request.Folder, dropout, options);
        Needs(generator, request);
        var (n, seed, target) = (request.Count, request.Seed, request.Target);
        if (request.ClassGrid)
        {
            var file = SampleFiles.FileOrIn(target, "classes.png");
            request.Claim(file);
            PngPicture.Write(file, generator.ClassGrid(n, seed));
            AnsiConsole.MarkupLineInterpolated($"wrote {file}: rows {string.Join(", ", generator.Classes)}{(generator.MultiLabel ? " (each tag alone)" : "")}");
            return 0;
        }
        if (request.Pictures is { } from)
        {
            Translate(generator, from, seed, request);
            return 0;
        }
        if (request.Mask is { } maskPath)
        {
            WithMasks(generator, maskPath, n, seed, request);
            return 0;
        }
        if (request.Tags is { } tagText)
        {
            if (request.Grid)
            {
                var file = SampleFiles.FileOrIn(target, "tags.png");
                request.Claim(file);
                var sets = tagText.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(set => set.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
                // A row per set, each from the same seed, as checkpoint sampling draws them.
                var rows = sets.SelectMany(set => generator.Batches(set, n, seed));
                PngPicture.Write(file, PictureBytes.ToGrid(GeneratedImages.Concat(rows), n));
                AnsiConsole.MarkupLineInterpolated($"wrote {file}: rows {string.Join(" | ", sets.Select(set => string.Join(" + ", set)))}");
                return 0;
            }
            var tags = tagText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            request.Claim(SampleFiles.AllNumbered(target, "tags_", n));
            WriteEach(generator.Batches(tags, n, seed), target, "tags_", cancel);
            AnsiConsole.MarkupLineInterpolated($"wrote {n} images tagged {string.Join(" + ", tags)} to {target}");
            return 0;
        }
        if (request.ClassName is { } name)
        {
            request.Claim(SampleFiles.AllNumbered(target, $"{name}_", n));
            WriteEach(generator.Batches(name, n, seed), target, $"{name}_", cancel);
            AnsiConsole.MarkupLineInterpolated($"wrote {n} images of {name} to {target}");
            return 0;
        }
        if (request.Grid)
        {
            var file = SampleFiles.FileOrIn(target, "grid.png");
            request.Claim(file);
            PngPicture.Write(file, generator.Grid(n, seed));
            AnsiConsole.MarkupLineInterpolated($"wrote {file}");
            return 0;
        }
        request.Claim(SampleFiles.AllNumbered(target, "sample_", n));
        WriteEach(generator.Batches(n, seed), target, "sample_", cancel);
        AnsiConsole.MarkupLineInterpolated($"wrote {n} images to {target}");
        return 0;
    }

    /// <summary>One picture per mask (the first <paramref name="count"/>), named after it, or the flower GAN's figure.</summary>
    static void WithMasks(OnnxGenerator generator, string maskPath, int count, long seed, Request request)
    {
        var (target, figure) = (request.Target, request.Figure);
        if (Directory.Exists(maskPath)) SeparateFolders.Check(maskPath, target, "sample --mask");
        var masks = MaskFolder.Load(maskPath, generator.ImageSize);
        foreach (var warning in masks.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]{warning}[/]");
        int n = Math.Min(count, masks.Count), plane = masks.Size * masks.Size;
        request.Claim(figure ? [SampleFiles.FileOrIn(target, "mask-figure.png")] : masks.Names.Take(n).Select(name => Path.Combine(target, name + ".png")));
        var values = masks.Masks.AsSpan(0, n * plane).ToArray().Select(b => b / 255f).ToArray();
        var generated = GeneratedImages.Concat(generator.Batches(values, seed));
        if (figure)
        {
            var real = masks.Images is { } images ? Signed(images.Take([.. Enumerable.Range(0, n)]).Rgb, n, masks.Size) : null;
            var file = SampleFiles.FileOrIn(target, "mask-figure.png");
            PngPicture.Write(file, MaskFigure(generated, values, real));
            AnsiConsole.MarkupLineInterpolated($"wrote {file}: {n} rows of generated | mask{(real is null ? "" : " | real image of that mask")}");
            return;
        }
        var pictures = PictureBytes.ToImages(generated);
        for (int i = 0; i < n; i++)
            PngPicture.Write(Path.Combine(target, masks.Names[i] + ".png"), pictures[i]);
        AnsiConsole.MarkupLineInterpolated($"wrote {n} images to {target}, one per mask of {maskPath}");
    }

    /// <summary>
    /// The rows (generated | mask | real) of SharpGan's mask figure, tile by tile as <c>Data.MaskFigure</c> lays them:
    /// masks white on black, tiles under <see cref="Data.MaskFigure.MinTile"/> px enlarged by whole multiples, gaps of shade 96.
    /// </summary>
    static RgbPicture MaskFigure(GeneratedImages generated, float[] masks, GeneratedImages? real)
    {
        int n = generated.Count, size = generated.Size, plane = size * size, factor = Math.Max(1, Data.MaskFigure.MinTile / size);
        int columns = real is null ? 2 : 3, tile = 3 * plane;
        var tiles = new float[n * columns * tile];
        for (int k = 0; k < n; k++)
        {
            int row = k * columns * tile;
            generated.Values.AsSpan(k * tile, tile).CopyTo(tiles.AsSpan(row));
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < plane; i++)
                    tiles[row + tile + c * plane + i] = masks[k * plane + i] * 2 - 1;
            real?.Values.AsSpan(k * tile, tile).CopyTo(tiles.AsSpan(row + 2 * tile));
        }
        return PictureBytes.ToGrid(Enlarged(new GeneratedImages(tiles, n * columns, size), factor), columns, gapShade: 96);
    }

    /// <summary>Nearest-neighbour enlargement by a whole factor: each pixel a factor × factor block.</summary>
    static GeneratedImages Enlarged(GeneratedImages images, int factor)
    {
        if (factor == 1) return images;
        int size = images.Size, big = size * factor;
        var values = new float[images.Count * 3 * big * big];
        for (int p = 0; p < images.Count * 3; p++)
            for (int y = 0; y < big; y++)
                for (int x = 0; x < big; x++)
                    values[(p * big + y) * big + x] = images.Values[(p * size + y / factor) * size + x / factor];
        return new GeneratedImages(values, images.Count, big);
    }

    /// <summary>Pix2pix: each picture translated, written under its relative name; with <paramref name="figure"/> also
    /// figure.png, rows of (input | output) for the first 16, as <c>sharpgan translate run</c> writes them.</summary>
    static void Translate(OnnxGenerator generator, string from, long seed, Request request)
    {
        var (target, figure) = (request.Target, request.Figure);
        if (Directory.Exists(from)) SeparateFolders.Check(from, target, "sample --onnx --in");
        else SeparateFolders.CheckFile(from, Path.Combine(target, Path.ChangeExtension(Path.GetFileName(from), ".png")), "sample --onnx --in");
        var (inputs, root) = Pictures(from, generator.ImageSize);
        var names = inputs.Paths.Select(path => Path.Combine(target, Path.ChangeExtension(Path.GetRelativePath(root, path), ".png"))).ToList();
        request.Claim(figure ? [.. names, Path.Combine(target, "figure.png")] : names);
        var pictures = Signed(inputs.Take([.. Enumerable.Range(0, inputs.Count)]).Rgb, inputs.Count, inputs.Size);
        var outputs = GeneratedImages.Concat(generator.Translate(pictures.Values, seed));
        var images = PictureBytes.ToImages(outputs);
        for (int i = 0; i < images.Count; i++)
            PngPicture.Write(names[i], images[i]);
        AnsiConsole.MarkupLineInterpolated($"{images.Count} pictures → {target}");
        if (!figure) return;
        int rows = Math.Min(16, images.Count), tile = 3 * inputs.Size * inputs.Size;
        var pairs = Enumerable.Range(0, rows).SelectMany(k => pictures.Values.AsSpan(k * tile, tile).ToArray().Concat(outputs.Values.AsSpan(k * tile, tile).ToArray()));
        var file = Path.Combine(target, "figure.png");
        PngPicture.Write(file, PictureBytes.ToGrid(new GeneratedImages(pairs.ToArray(), 2 * rows, inputs.Size), 2));
        AnsiConsole.MarkupLineInterpolated($"figure → {file}");
    }

    /// <summary>The pictures to translate, from one file or a folder of images. A paired folder is refused: which side
    /// is the input (data.direction) is the run's, and the export does not record it.</summary>
    static (ImageSet Inputs, string Root) Pictures(string from, int size)
    {
        if (File.Exists(from))
            return (ImageSet.From([PictureOption.Load("--in", from, size)], size), Path.GetDirectoryName(Path.GetFullPath(from))!);
        if (!Directory.Exists(from))
            throw new DataException($"--in {from}: no such file or folder");
        if (Directory.Exists(Path.Combine(from, "A")) || Directory.Exists(Path.Combine(from, "B")))
            throw new DataException($"--in {from}: a paired folder; give the folder of its inputs ({Path.Combine(from, "A")} for AtoB, {Path.Combine(from, "B")} for BtoA)");
        var (images, report) = ImageFolder.Load(new DataConfig { Path = from }, size, minimum: 1);   // one picture is worth translating
        foreach (var line in report.Lines()) AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
        return (images, from);
    }

    static GeneratedImages Signed(byte[] rgb, int count, int size) => new(rgb.Select(PictureBytes.FromByte).ToArray(), count, size);

    static void WriteEach(IEnumerable<GeneratedImages> batches, string target, string prefix, CancellationToken cancel)
    {
        int k = 0;
        foreach (var picture in batches.SelectMany(PictureBytes.ToImages))
        {
            cancel.ThrowIfCancellationRequested();
            PngPicture.Write(SampleFiles.Numbered(target, prefix, k++), picture);
        }
    }

    /// <summary>Refuses an export whose generator needs more than this command was given, saying what to give it.</summary>
    static void Needs(OnnxGenerator generator, Request request)
    {
        if (generator.TranslatesPictures && request.Pictures is null)
            throw new ArgumentException($"'{request.Folder}' is a pix2pix export: its generator translates pictures; pass --in IMAGE|FOLDER");
        if (generator.TakesMasks && request.Mask is null)
            throw new ArgumentException($"'{request.Folder}' is a mask-conditioned export: its generator draws where a mask says; pass --mask FILE|FOLDER (a mask, a folder of masks, or a paired data folder)");
    }
}
