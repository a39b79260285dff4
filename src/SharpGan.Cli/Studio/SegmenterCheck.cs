using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SharpGan.Export;
using SharpGan.Onnx;
using SharpGan.Segmentation;
using SkiaSharp;

namespace SharpGan.Cli.Studio;

/// <summary>
/// The object segmenter (<c>--segmenter S.safetensors</c>), exported to ONNX once at start-up and run in ONNX Runtime:
/// it finds the object in a generated picture, and the studio reports how well that agrees with the mask the user
/// painted (IoU), the location-constrained GAN's own test of obedience.
/// </summary>
sealed class SegmenterCheck : IDisposable
{
    readonly InferenceSession session;
    readonly DirectoryInfo folder;

    public int Size { get; }
    public string Source { get; }

    SegmenterCheck(InferenceSession session, DirectoryInfo folder, int size, string source)
    {
        this.session = session;
        this.folder = folder;
        Size = size;
        Source = source;
    }

    /// <summary>Exports <paramref name="safetensors"/> into a temporary folder (removed on dispose) and opens it.</summary>
    public static SegmenterCheck Open(string safetensors, SessionOptions? options = null)
    {
        if (!File.Exists(safetensors)) throw new ArgumentException($"--segmenter {safetensors}: no such file");
        var folder = Directory.CreateTempSubdirectory("sharpgan-studio-segmenter-");
        try
        {
            ExportResult result;
            using (var segmenter = Segmenter.Load(safetensors))
                result = SegmenterExport.Write(segmenter, safetensors, folder.FullName);
            return new SegmenterCheck(options is null ? new InferenceSession(result.OnnxPath) : new InferenceSession(result.OnnxPath, options), folder, result.Manifest.ImageSize, Path.GetFileName(safetensors));
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>
    /// IoU of the segmenter's object (logit &gt; 0, i.e. probability &gt; 0.5) in <paramref name="picture"/> with
    /// <paramref name="mask"/> (0/255 bytes at the picture's size), both at the segmenter's size: the picture resized
    /// bilinearly, the mask by nearest neighbour so it stays binary. Two empty masks agree fully (1).
    /// </summary>
    public double Iou(RgbPicture picture, byte[] mask)
    {
        int s = Size, plane = s * s;
        var rgb = Resized(picture.Pixels, picture.Width, s, 3, SKFilterMode.Linear);
        var painted = Resized(mask, picture.Width, s, 1, SKFilterMode.Nearest);
        var input = new float[3 * plane];
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                input[c * plane + i] = PictureBytes.FromByte(rgb[3 * i + c]);
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, 3, s, s]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["picture"], [tensor], ["logits"]);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        int both = 0, either = 0;
        for (int i = 0; i < plane; i++)
        {
            bool found = logits[i] > 0, wanted = painted[i] >= 128;
            if (found && wanted) both++;
            if (found || wanted) either++;
        }
        return either == 0 ? 1 : both / (double)either;
    }

    /// <summary>Interleaved bytes with <paramref name="channels"/> per pixel, square <paramref name="from"/> → <paramref name="to"/>.</summary>
    static byte[] Resized(byte[] pixels, int from, int to, int channels, SKFilterMode filter)
    {
        if (from == to) return pixels;
        using var source = new SKBitmap(new SKImageInfo(from, from, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = source.GetPixelSpan();
        for (int i = 0; i < from * from; i++)
        {
            for (int c = 0; c < 3; c++) rgba[4 * i + c] = pixels[channels * i + (channels == 3 ? c : 0)];
            rgba[4 * i + 3] = 255;
        }
        using var resized = source.Resize(new SKImageInfo(to, to, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(filter));
        var output = resized.GetPixelSpan();
        var result = new byte[to * to * channels];
        for (int i = 0; i < to * to; i++)
            for (int c = 0; c < channels; c++) result[channels * i + c] = output[4 * i + c];
        return result;
    }

    public void Dispose()
    {
        session.Dispose();
        folder.Delete(recursive: true);
    }
}
