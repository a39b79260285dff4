namespace SharpGan.Config;

/// <summary>Everything a training run needs, with the defaults of the README's main job. Immutable; bound and
/// validated once by <see cref="ConfigLoader"/>, then written into every run folder and checkpoint.</summary>
public sealed record SharpGanConfig
{
    public DataConfig Data { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public TrainConfig Train { get; init; } = new();
    public OutputConfig Output { get; init; } = new();
}

public enum ResizeMode { Crop, Pad }

public sealed record DataConfig
{
    /// <summary>A folder of images, searched recursively.</summary>
    public string Path { get; init; } = "data/flowers";
    /// <summary><c>crop</c>: centre square crop then resize; <c>pad</c>: fit inside the square, pad with the background.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Crop;
    /// <summary>Colour that transparent pixels and padding become, as #rrggbb.</summary>
    public string Background { get; init; } = "#ffffff";
    /// <summary>Stop at the first file that cannot be decoded instead of skipping it.</summary>
    public bool Strict { get; init; }
    /// <summary>Random horizontal flips on the fly (p = 0.5).</summary>
    public bool FlipHorizontal { get; init; } = true;
    /// <summary>Random vertical flips on the fly (p = 0.5; seed 001).</summary>
    public bool FlipVertical { get; init; }
    /// <summary>Random rotation in ±degrees on the fly (seed 003 used 5).</summary>
    public double RotateDegrees { get; init; }
}

public sealed record ModelConfig
{
    /// <summary>Square image side: 32, 64, 128 or 256.</summary>
    public int ImageSize { get; init; } = 32;
    /// <summary>Latent noise shape C×H×W: 100x1x1 (seeds 002/003) or 32x2x2 (seed 000).</summary>
    public string Latent { get; init; } = "100x1x1";
    /// <summary>Generator filters at the last hidden layer.</summary>
    public int Ngf { get; init; } = 64;
    /// <summary>Discriminator filters at the first layer. Half of ngf by default: seed 000's "more filters in G than
    /// in D" kept D from winning outright on the 58 built-in flowers (measured: docs/main-job.md).</summary>
    public int Ndf { get; init; } = 32;
    /// <summary>Cap on the filter multiplier of deep layers (pytorch/examples uses 8).</summary>
    public int MaxMultiplier { get; init; } = 8;

    [System.Text.Json.Serialization.JsonIgnore]
    public LatentShape LatentShape => LatentShape.Parse(Latent);
}

public sealed record TrainConfig
{
    /// <summary>Passes over the data. 500 × 4 steps on the built-in flowers is the README's ~3-minute main job.</summary>
    public int Epochs { get; init; } = 500;
    public int BatchSize { get; init; } = 16;
    public double LrG { get; init; } = 2e-4;
    public double LrD { get; init; } = 2e-4;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Adversarial loss by name (see <c>LossRegistry</c>).</summary>
    public string Loss { get; init; } = "bce";
    public long Seed { get; init; } = 1;
    /// <summary>One torch thread, so a seed gives the same bits on any machine whatever its core count (slower).
    /// Without it a seed still repeats exactly on the same machine and thread count.</summary>
    public bool Deterministic { get; init; }
    /// <summary>torch intra-op threads; 0 = one per core.</summary>
    public int Threads { get; init; }
    /// <summary>Write a checkpoint every N epochs (and always at the end).</summary>
    public int CheckpointEvery { get; init; } = 5;
    /// <summary>Images in the fixed-noise sample grid written each epoch.</summary>
    public int SampleCount { get; init; } = 64;
}

public sealed record OutputConfig
{
    public string Dir { get; init; } = "runs/flowers";
    public bool TensorBoard { get; init; } = true;
    public bool Gif { get; init; } = true;
    /// <summary>Milliseconds each epoch's grid is shown in training.gif.</summary>
    public int GifFrameMs { get; init; } = 120;
    /// <summary>Most frames in training.gif; longer runs show evenly spaced epochs.</summary>
    public int GifMaxFrames { get; init; } = 150;
}
