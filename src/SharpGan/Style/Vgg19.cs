using SharpGan.Pretrained;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace SharpGan.Style;

/// <summary>
/// VGG-19's convolutional part as torchvision lays it out (<c>features.0</c> … <c>features.36</c>): 3×3 convolutions
/// with ReLU in five blocks of 64, 128, 256, 512, 512 filters (2, 2, 4, 4, 4 layers), a 2×2 pooling after each.
/// Gatys et al. replaced max pooling by average pooling for "slightly more appealing results"; that is the default.
/// Layers are named as in the paper: conv1_1, relu1_1, …, pool5. Weights come from a safetensors file with
/// torchvision's key names (docs/style-transfer.md gives the one-line conversion); nothing downloads.
/// </summary>
public sealed class Vgg19 : nn.Module<Tensor, Tensor>, IFeatureTrunk
{
    static readonly int[][] Blocks = [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]];
    // ImageNet statistics torchvision's VGG was trained with.
    static readonly float[] Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f];

    readonly Sequential features = nn.Sequential();
    readonly List<string> names = [];
    readonly Tensor mean, std;

    public bool AveragePooling { get; }
    public string Name => AveragePooling ? "vgg19 (average pooling)" : "vgg19 (max pooling)";
    public IReadOnlyList<string> LayerNames => names;
    public string DefaultContentLayer => "relu4_2";
    public IReadOnlyList<(string Layer, double Weight)> DefaultStyleLayers { get; } =
        [("relu1_1", 0.2), ("relu2_1", 0.2), ("relu3_1", 0.2), ("relu4_1", 0.2), ("relu5_1", 0.2)];

    public Vgg19(bool averagePooling = true) : base(nameof(Vgg19))
    {
        Native.NnpackSwitch.EnsureOff();
        AveragePooling = averagePooling;
        int index = 0, channels = 3;
        for (int b = 0; b < Blocks.Length; b++)
        {
            for (int i = 0; i < Blocks[b].Length; i++)
            {
                features.append($"{index++}", nn.Conv2d(channels, Blocks[b][i], 3, padding: 1));
                names.Add($"conv{b + 1}_{i + 1}");
                features.append($"{index++}", nn.ReLU());
                names.Add($"relu{b + 1}_{i + 1}");
                channels = Blocks[b][i];
            }
            features.append($"{index++}", averagePooling ? nn.AvgPool2d(2, 2) : nn.MaxPool2d(2, 2));
            names.Add($"pool{b + 1}");
        }
        mean = tensor(Mean).view(1, 3, 1, 1);
        std = tensor(Std).view(1, 3, 1, 1);
        RegisterComponents();
        foreach (var p in parameters()) p.requires_grad = false;
    }

    /// <summary>A VGG-19 with the weights of <paramref name="file"/> (torchvision keys <c>features.N.weight/bias</c>;
    /// a classifier's keys, if present, are ignored).</summary>
    /// <exception cref="InvalidDataException">A key is missing or mis-shaped; the message names the file and the keys.</exception>
    public static Vgg19 Load(string file, bool averagePooling = true)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"VGG-19 weights '{file}' do not exist (docs/style-transfer.md: how to make them)", file);
        var vgg = new Vgg19(averagePooling);
        var tensors = SafeTensors.Read(file);
        try
        {
            StateLoader.Load(vgg, tensors.ToDictionary(t => t.Key.StartsWith("features.", StringComparison.Ordinal) ? t.Key : "ignored." + t.Key, t => t.Value),
                file, ignore: k => k.StartsWith("ignored.", StringComparison.Ordinal), optional: k => k is "mean" or "std");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
        return vgg;
    }

    /// <summary>pool5 of [0, 1] RGB images.</summary>
    public override Tensor forward(Tensor images) => Features(images, ["pool5"])["pool5"];

    public IReadOnlyDictionary<string, Tensor> Features(Tensor images, IReadOnlyCollection<string> layers)
    {
        var unknown = layers.Where(l => !names.Contains(l)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"no layer {string.Join(", ", unknown)} in VGG-19 (conv1_1 … pool5)");
        int last = layers.Max(l => names.IndexOf(l));
        var x = images.sub(mean).div(std);
        var result = new Dictionary<string, Tensor>();
        for (int i = 0; i <= last; i++)
        {
            x = ((nn.Module<Tensor, Tensor>)features[i]).forward(x);
            if (layers.Contains(names[i])) result[names[i]] = x;
        }
        return result;
    }
}
