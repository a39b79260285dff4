using SharpGan.Data;
using SharpGan.Files;
using SharpGan.Onnx;
using static TorchSharp.torch;

namespace SharpGan.Tests.Onnx;

/// <summary>Floats → bytes → grids → PNG files without torch, byte for byte as SharpGan makes them from tensors.</summary>
public class PictureBytesTests
{
    /// <summary>Values across and beyond [-1, 1], with every exact half step of (x + 1)·127.5, where rounding decides.</summary>
    static GeneratedImages Images()
    {
        var random = new Random(17);
        var values = new float[5 * 3 * 16 * 16];
        for (int i = 0; i < values.Length; i++)
            values[i] = i % 4 == 0 ? (i / 4 % 256 + 0.5f) / 127.5f - 1f : (float)(random.NextDouble() * 2.4 - 1.2);
        return new GeneratedImages(values, 5, 16);
    }

    [Fact]
    public void Bytes_images_and_grids_equal_SharpGans()
    {
        var images = Images();
        using var t = tensor(images.Values, [5, 3, 16, 16]);

        Assert.Equal(ImageTensors.ToBytes(t), images.Values.Select(PictureBytes.ToByte));
        Assert.Equal(ImageTensors.ToImages(t).Select(i => i.Pixels), PictureBytes.ToImages(images).Select(p => p.Pixels));
        var expected = ImageTensors.ToGrid(t, 3);
        var grid = PictureBytes.ToGrid(images, 3);
        Assert.Equal((expected.Width, expected.Height), (grid.Width, grid.Height));
        Assert.Equal(expected.Pixels, grid.Pixels);
    }

    [Fact]
    public void Pngs_are_the_files_SharpGan_writes()
    {
        using var dir = new TempDir();
        var grid = PictureBytes.ToGrid(Images(), 2);

        PngFile.Write(dir["sharpgan.png"], new RgbImage(grid.Width, grid.Height, grid.Pixels));
        PngPicture.Write(dir["onnx/grid.png"], grid);

        Assert.Equal(File.ReadAllBytes(dir["sharpgan.png"]), File.ReadAllBytes(dir["onnx/grid.png"]));
        Assert.Equal(["grid.png"], Directory.GetFiles(dir["onnx"]).Select(Path.GetFileName));
    }

    [Fact]
    public void Pictures_are_fed_as_SharpGan_reads_them()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        using var t = tensor(bytes).to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
        Assert.Equal(t.data<float>().ToArray(), bytes.Select(PictureBytes.FromByte));
    }
}
