using SharpGan.Data;
using SharpGan.DataTools;
using SharpGan.Reporting;
using SharpGan.Files;

namespace SharpGan.Tests.DataTools;

public class CompositeFolderTests
{
    static readonly string Flowers = Repo.Path("data", "flowers");

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        using var dir = new TempDir();
        var options = new CompositeOptions(Count: 12, Size: 32, Seed: 5, ObjectsPerImage: 2);

        CompositeFolder.Run(Flowers, dir["a"], options);
        CompositeFolder.Run(Flowers, dir["b"], options);
        CompositeFolder.Run(Flowers, dir["c"], options with { Seed = 6 });

        var files = Directory.GetFiles(dir["a"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir["a"], f)).Order().ToList();
        Assert.Equal(12 * 2 + 2 + 4, files.Count);     // pairs, csv + json, four licence files
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir["a"], file)), File.ReadAllBytes(Path.Combine(dir["b"], file)));
        Assert.NotEqual(File.ReadAllBytes(dir["a/00000.png"]), File.ReadAllBytes(dir["c/00000.png"]));
        Assert.NotEqual(File.ReadAllBytes(dir["a/masks/00003.png"]), File.ReadAllBytes(dir["c/masks/00003.png"]));
    }

    [Fact]
    public void The_mask_is_the_pasted_square_and_the_image_is_red_under_it()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        var options = new CompositeOptions(Count: 20, Size: 32, Seed: 3, ScaleMin: 0.5, ScaleMax: 0.5, RotateDegrees: 0,
            Background: BackgroundKind.Gradient);

        CompositeFolder.Run(dir["objects"], dir["out"], options);

        var rows = ReadCsv(dir["out"]);
        Assert.Equal(20, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal((16, 16, "square.png", "gradient"), (row.Width, row.Height, row.Object, row.Background));   // 0.5 × 32
            var (image, mask) = ReadPair(dir["out"], row.File);
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                {
                    bool inside = x >= row.X + 1 && x < row.X + 15 && y >= row.Y + 1 && y < row.Y + 15;
                    bool outside = x < row.X - 1 || x >= row.X + 17 || y < row.Y - 1 || y >= row.Y + 17;
                    if (inside)
                    {
                        Assert.Equal(255, mask[y * 32 + x]);
                        Assert.True(IsRed(image[x, y], tolerance: 2), $"{row.File} ({x}, {y}): {image[x, y]}");
                    }
                    if (outside)
                        Assert.Equal(0, mask[y * 32 + x]);
                }
        }
    }

    [Fact]
    public void A_turned_square_keeps_its_area_and_shows_red_wherever_its_mask_is()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        var options = new CompositeOptions(Count: 10, Size: 32, Seed: 4, ScaleMin: 0.5, ScaleMax: 0.5, RotateDegrees: 45,
            Background: BackgroundKind.Noise);

        CompositeFolder.Run(dir["objects"], dir["out"], options);

        var rows = ReadCsv(dir["out"]);
        Assert.Equal(10, rows.Count);
        foreach (var row in rows)
        {
            var (image, mask) = ReadPair(dir["out"], row.File);
            int area = 0;
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                {
                    if (mask[y * 32 + x] == 0) continue;
                    area++;
                    // Alpha ≥ 128 under the mask: red carries at least half of each pixel, the background at most half.
                    var (r, g, b) = image[x, y];
                    Assert.True(r >= 127 && g <= 128 && b <= 128, $"{row.File} ({x}, {y}): {image[x, y]}");
                    Assert.InRange(x, row.X, row.X + row.Width - 1);
                    Assert.InRange(y, row.Y, row.Y + row.Height - 1);
                }
            Assert.InRange(area, 16 * 16 * 0.9, 16 * 16 * 1.1);
        }
    }

    [Fact]
    public void Objects_lie_wholly_inside_the_canvas_and_not_only_in_its_centre()
    {
        using var dir = new TempDir();
        const int size = 32;

        CompositeFolder.Run(Flowers, dir["out"], new CompositeOptions(Count: 30, Size: size, Seed: 7));

        var centroidDistances = new List<double>();
        foreach (var row in ReadCsv(dir["out"]))
        {
            Assert.True(row.X >= 0 && row.Y >= 0 && row.X + row.Width <= size && row.Y + row.Height <= size, $"{row.File}: box outside the canvas");
            var (_, mask) = ReadPair(dir["out"], row.File);
            double sumX = 0, sumY = 0, count = 0;
            for (int i = 0; i < mask.Length; i++)
            {
                if (mask[i] == 0) continue;
                int x = i % size, y = i / size;
                Assert.True(x >= row.X && x < row.X + row.Width && y >= row.Y && y < row.Y + row.Height, $"{row.File} ({x}, {y}): mask outside the box");
                (sumX, sumY, count) = (sumX + x + 0.5, sumY + y + 0.5, count + 1);
            }
            Assert.True(count > 0, $"{row.File}: empty mask");
            centroidDistances.Add(Math.Sqrt(Math.Pow(sumX / count - size / 2.0, 2) + Math.Pow(sumY / count - size / 2.0, 2)));
        }
        Assert.Equal(30, centroidDistances.Count);
        Assert.Contains(centroidDistances, d => d > 0.15 * size);
    }

    [Fact]
    public void An_object_that_would_not_fit_when_turned_is_shrunk_until_it_does()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);

        CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 10, Size: 32, ScaleMin: 1, ScaleMax: 1, RotateDegrees: 45));

        foreach (var row in ReadCsv(dir["out"]))
        {
            Assert.True(row.Width <= 32 && row.Height <= 32, $"{row.File}: {row.Width}×{row.Height}");
            // A square turned by a spans side·(|cos a| + |sin a|): the largest scale that fits is the inverse.
            double radians = row.Angle * Math.PI / 180;
            Assert.Equal(1 / (Math.Abs(Math.Cos(radians)) + Math.Abs(Math.Sin(radians))), row.Scale, 1e-3);
        }
    }

    [Fact]
    public void Photos_give_square_crops_and_travel_with_their_licence()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        Solid(dir["photos/blue.png"], 48, 80, (0, 0, 255));
        Solid(dir["photos/sub/green.png"], 100, 60, (0, 255, 0));
        File.WriteAllText(dir["photos/LICENSE.txt"], "CC0");

        var result = CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 12, Size: 32, BackgroundsFolder: dir["photos"]));

        Assert.Equal(2, result.Backgrounds);
        var rows = ReadCsv(dir["out"]);
        Assert.Equal(["blue.png", Path.Combine("sub", "green.png")], rows.Select(r => r.Background).Distinct().Order());
        foreach (var row in rows)
        {
            var (image, mask) = ReadPair(dir["out"], row.File);
            int corner = row.X > 0 || row.Y > 0 ? 0 : 31;    // a corner the square does not cover
            Assert.Equal(0, mask[corner * 32 + corner]);
            Assert.Equal(row.Background == "blue.png" ? ((byte)0, (byte)0, (byte)255) : ((byte)0, (byte)255, (byte)0), image[corner, corner]);
        }
        Assert.True(File.Exists(dir["out/licenses/backgrounds/LICENSE.txt"]));
    }

    [Fact]
    public void A_photo_whose_pixels_fail_to_decode_is_named()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        Solid(dir["photos/whole.png"], 64, 64, (0, 0, 255));
        var bytes = File.ReadAllBytes(dir["photos/whole.png"]);
        File.WriteAllBytes(dir["photos/cut.png"], bytes[..(bytes.Length / 2)]);    // the header reads, the pixels end early
        File.Delete(dir["photos/whole.png"]);

        var error = Assert.Throws<DataException>(() =>
            CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 2, Size: 16, BackgroundsFolder: dir["photos"])));

        Assert.Contains(dir["photos/cut.png"], error.Message);
    }

    [Fact]
    public void Pictures_without_transparency_are_skipped_and_reported()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        Solid(dir["objects/opaque.png"], 20, 20, (10, 20, 30));

        var result = CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 3, Size: 16));

        Assert.Equal(1, result.Objects);
        var skipped = Assert.Single(result.SkippedObjects);
        Assert.Equal("opaque.png", skipped.Path);
        Assert.Contains("no transparent pixel", skipped.Reason);
        Assert.Contains("opaque.png", File.ReadAllText(dir["out/composite.json"]));
        Assert.DoesNotContain("opaque.png", File.ReadAllText(dir["out/composite.csv"]));
    }

    [Fact]
    public void Folders_without_usable_pictures_fail_naming_the_folder()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);
        Solid(dir["opaque/wall.png"], 20, 20, (10, 20, 30));
        Directory.CreateDirectory(dir["photos"]);
        File.WriteAllText(dir["photos/not-a-photo.png"], "text");
        RedSquare(dir["objects/square.png"]);

        var empty = Assert.Throws<DataException>(() => CompositeFolder.Run(dir["empty"], dir["out"], new CompositeOptions(Count: 1)));
        Assert.Contains(dir["empty"], empty.Message);
        var opaque = Assert.Throws<DataException>(() => CompositeFolder.Run(dir["opaque"], dir["out"], new CompositeOptions(Count: 1)));
        Assert.Contains(dir["opaque"], opaque.Message);
        Assert.Contains("wall.png: no transparent pixel", opaque.Message);
        var missing = Assert.Throws<DataException>(() => CompositeFolder.Run(dir["nowhere"], dir["out"], new CompositeOptions(Count: 1)));
        Assert.Contains(dir["nowhere"], missing.Message);
        var photos = Assert.Throws<DataException>(() =>
            CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 1, BackgroundsFolder: dir["photos"])));
        Assert.Contains(dir["photos"], photos.Message);
        Assert.False(Directory.Exists(dir["out"]));     // nothing written before the inputs are known good
    }

    [Fact]
    public void A_folder_of_other_files_is_refused_and_an_earlier_composite_is_replaced()
    {
        using var dir = new TempDir();
        RedSquare(dir["objects/square.png"]);
        Directory.CreateDirectory(dir["theirs"]);
        File.WriteAllText(dir["theirs/notes.txt"], "keep");

        var refused = Assert.Throws<DataException>(() => CompositeFolder.Run(dir["objects"], dir["theirs"], new CompositeOptions(Count: 1, Size: 16)));
        Assert.Contains(dir["theirs"], refused.Message);
        Assert.Single(Directory.GetFileSystemEntries(dir["theirs"]));
        var inside = Assert.Throws<DataException>(() => CompositeFolder.Run(dir["objects"], dir["objects/out"], new CompositeOptions(Count: 1, Size: 16)));
        Assert.Contains(dir["objects"], inside.Message);

        CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 5, Size: 16));
        CompositeFolder.Run(dir["objects"], dir["out"], new CompositeOptions(Count: 2, Size: 16));
        Assert.Equal(["00000.png", "00001.png"], Directory.GetFiles(dir["out"], "*.png").Select(Path.GetFileName).Order());
        Assert.Equal(2, Directory.GetFiles(dir["out/masks"]).Length);
        Assert.Equal(3, File.ReadAllLines(dir["out/composite.csv"]).Length);
    }

    [Theory]
    [InlineData("count", 0, 64, 0.3, 0.6, 30, 1)]
    [InlineData("size", 10, 8, 0.3, 0.6, 30, 1)]
    [InlineData("size", 10, 2048, 0.3, 0.6, 30, 1)]
    [InlineData("scale-min", 10, 64, 0, 0.6, 30, 1)]
    [InlineData("scale-min", 10, 64, 0.7, 0.6, 30, 1)]
    [InlineData("scale-max", 10, 64, 0.3, 1.5, 30, 1)]
    [InlineData("rotate", 10, 64, 0.3, 0.6, -5, 1)]
    [InlineData("objects-per-image", 10, 64, 0.3, 0.6, 30, 5)]
    public void Options_out_of_range_fail_naming_the_option(string option, int count, int size, double scaleMin, double scaleMax, double rotate, int perImage)
    {
        var options = new CompositeOptions(count, size, 1, scaleMin, scaleMax, rotate, perImage);
        var error = Assert.Throws<ArgumentException>(() => CompositeFolder.Run(Flowers, "/nonexistent/out", options));
        Assert.Contains(option, error.Message);
    }

    sealed record Row(string File, string Object, int X, int Y, int Width, int Height, double Scale, double Angle, string Background);

    static List<Row> ReadCsv(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, CompositeFolder.CsvFile));
        Assert.Equal(CompositeFolder.CsvHeader, lines[0]);
        return lines.Skip(1).Select(line => line.Split(',')).Select(f => new Row(f[0], f[1], int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4]),
            int.Parse(f[5]), double.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture), f[8])).ToList();
    }

    /// <summary>The image as RGB and the mask as one byte per pixel, both read back through the training side's decoder.</summary>
    static (RgbImage Image, byte[] Mask) ReadPair(string folder, string file)
    {
        using var image = ImageLoader.Decode(Path.Combine(folder, file));
        using var mask = ImageLoader.Decode(Path.Combine(folder, CompositeFolder.MasksFolder, file));
        var rgba = image.GetPixelSpan();
        var rgb = new byte[3 * image.Width * image.Height];
        for (int i = 0; i < image.Width * image.Height; i++)
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]);
        var gray = mask.GetPixelSpan();
        var bytes = new byte[mask.Width * mask.Height];
        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.True(gray[4 * i] is 0 or 255, $"mask value {gray[4 * i]} in {file}");
            bytes[i] = gray[4 * i];
        }
        return (new RgbImage(image.Width, image.Height, rgb), bytes);
    }

    static bool IsRed((byte R, byte G, byte B) pixel, int tolerance) => pixel.R >= 255 - tolerance && pixel.G <= tolerance && pixel.B <= tolerance;

    /// <summary>A 20×20 opaque red square in the middle of a 40×40 transparent picture.</summary>
    static void RedSquare(string path)
    {
        var rgba = new byte[40 * 40 * 4];
        for (int y = 10; y < 30; y++)
            for (int x = 10; x < 30; x++)
                (rgba[4 * (y * 40 + x)], rgba[4 * (y * 40 + x) + 3]) = (255, 255);
        PngFile.WriteRgba(path, 40, 40, rgba);
    }

    static void Solid(string path, int width, int height, (byte R, byte G, byte B) colour)
    {
        var rgb = new byte[3 * width * height];
        for (int i = 0; i < width * height; i++)
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = colour;
        PngFile.Write(path, new RgbImage(width, height, rgb));
    }
}
