using static TorchSharp.torch;

namespace SharpGan.Data.Augment;

/// <summary>
/// Differentiable Augmentation (Zhao et al., NeurIPS 2020): the same random colour, translation and cutout applied
/// to real and fake images right before D, as tensor ops G can back-propagate through. D then cannot memorise a
/// small real set, and G is not taught to produce augmented pictures.
/// </summary>
public sealed class DiffAugment
{
    static readonly Dictionary<string, Func<Tensor, Tensor>> Ops = new()
    {
        ["color"] = Color,
        ["translation"] = Translation,
        ["cutout"] = Cutout,
    };

    public IReadOnlyList<string> Policies { get; }

    DiffAugment(IReadOnlyList<string> policies) => Policies = policies;

    /// <summary>"color,translation,cutout" (any subset, in order); empty = no augmentation.</summary>
    public static DiffAugment Parse(string policy)
    {
        var names = policy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (!Ops.ContainsKey(name))
                throw new ArgumentException($"tricks.diff_augment: unknown policy '{name}'; valid: {string.Join(", ", Ops.Keys)}");
        return new DiffAugment(names);
    }

    /// <summary>The augmented batch; its intermediates go with a scope of their own rather than the step's, as
    /// <see cref="AdaptiveAugment"/>'s do (autograd keeps what the backward needs).</summary>
    public Tensor Apply(Tensor images)
    {
        if (Policies.Count == 0) return images;
        using var scope = NewDisposeScope();
        return Policies.Aggregate(images, (x, name) => Ops[name](x)).MoveToOuterDisposeScope();
    }

    /// <summary>Brightness ± 0.5, saturation × [0, 2], contrast × [0.5, 1.5], each drawn per sample.</summary>
    public static Tensor Color(Tensor x)
    {
        long b = x.shape[0];
        x = x.add(rand(b, 1, 1, 1).sub(0.5).to(x.device));
        var channelMean = x.mean([1], keepdim: true);
        x = x.sub(channelMean).mul(rand(b, 1, 1, 1).mul(2).to(x.device)).add(channelMean);
        var imageMean = x.mean([1, 2, 3], keepdim: true);
        return x.sub(imageMean).mul(rand(b, 1, 1, 1).add(0.5).to(x.device)).add(imageMean);
    }

    /// <summary>Shifts each sample by whole pixels, up to an eighth of the side each way, filling with zeros.</summary>
    public static Tensor Translation(Tensor x)
    {
        long b = x.shape[0], h = x.shape[2], w = x.shape[3];
        long dy = Math.Max(1, h / 8), dx = Math.Max(1, w / 8);
        var shiftY = randint(-dy, dy + 1, [b, 1, 1]);
        var shiftX = randint(-dx, dx + 1, [b, 1, 1]);
        // Output pixel (i, j) reads input (i − shiftY, j − shiftX) of a zero-padded copy: a gather, so gradients reach x.
        var rows = arange(h).view(1, h, 1).sub(shiftY).add(dy).clamp(0, h + 2 * dy - 1);
        var cols = arange(w).view(1, 1, w).sub(shiftX).add(dx).clamp(0, w + 2 * dx - 1);
        var padded = nn.functional.pad(x, [dx, dx, dy, dy]);
        var index = rows.mul(w + 2 * dx).add(cols).view(b, 1, h * w).expand(b, x.shape[1], h * w).to(x.device);
        return padded.flatten(2).gather(2, index).view(x.shape);
    }

    /// <summary>Zeroes a square of half the side at a random centre per sample (clipped at the borders).</summary>
    public static Tensor Cutout(Tensor x) => x.mul(CutoutMask(x.shape[0], x.shape[2], x.shape[3]).to(x.device));

    /// <summary>1 outside each sample's square, 0 inside; B×1×H×W.</summary>
    public static Tensor CutoutMask(long b, long h, long w)
    {
        long sh = h / 2, sw = w / 2;
        var centreY = randint(0, h + (1 - sh % 2), [b, 1, 1]);
        var centreX = randint(0, w + (1 - sw % 2), [b, 1, 1]);
        var rows = arange(h).view(1, h, 1);
        var cols = arange(w).view(1, 1, w);
        var insideY = rows.ge(centreY.sub(sh / 2)).logical_and(rows.lt(centreY.sub(sh / 2).add(sh)));
        var insideX = cols.ge(centreX.sub(sw / 2)).logical_and(cols.lt(centreX.sub(sw / 2).add(sw)));
        return insideY.logical_and(insideX).logical_not().to_type(ScalarType.Float32).unsqueeze(1);
    }
}
