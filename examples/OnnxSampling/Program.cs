// Samples a generator that `sharpgan export RUN --out DIR` wrote and saves a grid of its pictures:
//   dotnet run --project examples/OnnxSampling -- DIR [COUNT] [OUT.png]
// generator.json says what each input of generator.onnx is; this draws from noise (and an ACGAN's classes, a row each).
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

if (args.Length < 1) { Console.Error.WriteLine("usage: OnnxSampling EXPORT_DIR [COUNT] [OUT.png]"); return 2; }
string dir = args[0], output = args.Length > 2 ? args[2] : "grid.png";
int count = args.Length > 1 ? int.Parse(args[1]) : 16, columns = (int)Math.Ceiling(Math.Sqrt(count));
var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "generator.json"))).RootElement;
int size = manifest.GetProperty("image_size").GetInt32();

// SharpGan's seeds are torch's CPU generator (MT19937 and its own Box–Muller fill; SharpGan.Onnx's TorchCpuNoise
// repeats it). System.Random's normals are as good noise, but do not give the pictures of any SharpGan seed.
var random = new Random(0);
float Normal() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

var names = new List<string>();
var values = new List<OrtValue>();
foreach (var input in manifest.GetProperty("inputs").EnumerateArray())
{
    string name = input.GetProperty("name").GetString()!;
    long[] shape = input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64() < 0 ? count : d.GetInt64()).ToArray();
    long perSample = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
    var data = new float[count * perSample];
    if (name == "noise") for (int i = 0; i < data.Length; i++) data[i] = Normal();
    else if (name == "code") for (int k = 0; k < count; k++) data[k * perSample + k / columns % perSample] = 1;   // a class per grid row
    else if (name.StartsWith("dropout_")) Array.Fill(data, 1f);   // dropout's mean: deterministic
    else { Console.Error.WriteLine($"this generator needs '{name}' (masks or pictures); this example draws from noise alone"); return 1; }
    names.Add(name);
    values.Add(OrtValue.CreateTensorValueFromMemory(data, shape));
}

using var session = new InferenceSession(Path.Combine(dir, manifest.GetProperty("onnx").GetString()!));
using var results = session.Run(new RunOptions(), names, values, ["image"]);
var image = results[0].GetTensorDataAsSpan<float>().ToArray();   // count × 3 × size × size in [-1, 1]

// SharpGan's grid: 2 px black gaps, bytes = round((x + 1) · 127.5) clamped.
int rows = (count + columns - 1) / columns, gap = 2, plane = size * size;
using var bitmap = new SKBitmap(columns * size + (columns + 1) * gap, rows * size + (rows + 1) * gap, SKColorType.Rgba8888, SKAlphaType.Opaque);
bitmap.Erase(SKColors.Black);
for (int k = 0; k < count; k++)
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            byte Channel(int c) => (byte)Math.Clamp(MathF.Round((image[k * 3 * plane + c * plane + y * size + x] + 1) * 127.5f), 0, 255);
            bitmap.SetPixel(gap + k % columns * (size + gap) + x, gap + k / columns * (size + gap) + y, new SKColor(Channel(0), Channel(1), Channel(2)));
        }
using (var file = File.Create(output))
    bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
Console.WriteLine($"wrote {output}: {count} samples, {columns} columns");
return 0;
