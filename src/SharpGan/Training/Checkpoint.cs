using System.IO.Compression;
using System.Text.Json;
using SharpGan.Config;
using SharpGan.Recipes;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// A whole run at one moment, in one zip file: networks, optimisers, the train state, torch's RNG, the fixed
/// noise and the resolved config. Written to a temp file and renamed, so a crash never leaves half a checkpoint.
/// </summary>
public sealed class Checkpoint
{
    public const int FormatVersion = 1;
    const string Manifest = "sharpgan.json";
    const string EmaEntry = "generator_ema.bin";

    public SharpGanConfig Config { get; }
    public TrainState State { get; }
    /// <summary>The layout and precision the run computed in when this was written, and why (weights are fp32 NCHW regardless).</summary>
    public string? Compute { get; }
    readonly Dictionary<string, byte[]> entries;

    Checkpoint(SharpGanConfig config, TrainState state, string? compute, Dictionary<string, byte[]> entries)
    {
        Config = config; State = state; Compute = compute; this.entries = entries;
    }

    public static void Save(string path, SharpGanConfig config, TrainState state, IGanRecipe recipe,
        TorchSharp.Modules.OptimizerHelper optimizerG, TorchSharp.Modules.OptimizerHelper optimizerD, Tensor fixedNoise,
        nn.Module? emaGenerator = null, string? compute = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            Write(zip, Manifest, w => w.Write(JsonSerializer.SerializeToUtf8Bytes(new ManifestData(FormatVersion, state, compute), ConfigLoader.Json)));
            Write(zip, "config.json", w => w.Write(System.Text.Encoding.UTF8.GetBytes(ConfigLoader.ToJson(config))));
            Write(zip, "generator.bin", w => recipe.Generator.save(w));
            Write(zip, "discriminator.bin", w => recipe.Discriminator.save(w));
            Write(zip, "optimizer_g.bin", optimizerG.save_state_dict);
            Write(zip, "optimizer_d.bin", optimizerD.save_state_dict);
            Write(zip, "rng.bin", w => { using var rng = torch.random.get_rng_state(); WriteTensor(w, rng); });
            Write(zip, "fixed_noise.bin", w => WriteTensor(w, fixedNoise));
            if (emaGenerator is not null)
                Write(zip, EmaEntry, w => emaGenerator.save(w));
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a checkpoint; refuses, with the reason, a file that is not one or is of another format.</summary>
    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var entries = new Dictionary<string, byte[]>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries[entry.FullName] = m.ToArray();
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a SharpGan checkpoint: {e.Message}", e);
        }
        if (!entries.TryGetValue(Manifest, out var manifestBytes))
            throw new InvalidDataException($"'{path}' is not a SharpGan checkpoint: no {Manifest}");
        var manifest = JsonSerializer.Deserialize<ManifestData>(manifestBytes, ConfigLoader.Json)!;
        if (manifest.FormatVersion != FormatVersion)
            throw new InvalidDataException($"'{path}' has checkpoint format {manifest.FormatVersion}; this SharpGan reads format {FormatVersion}");
        var config = ConfigLoader.FromJson(System.Text.Encoding.UTF8.GetString(entries["config.json"]));
        return new Checkpoint(config, manifest.State, manifest.Compute, entries);
    }

    /// <summary>Loads the networks' weights and buffers into <paramref name="recipe"/>.</summary>
    public void RestoreNetworks(IGanRecipe recipe)
    {
        Load("generator.bin", r => recipe.Generator.load(r));
        Load("discriminator.bin", r => recipe.Discriminator.load(r));
    }

    /// <summary>Whether the run kept an EMA of G's weights.</summary>
    public bool HasEma => entries.ContainsKey(EmaEntry);

    /// <summary>Loads the EMA weights into <paramref name="generator"/> (a generator of the same architecture).</summary>
    public void RestoreEma(nn.Module generator) => Load(EmaEntry, r => generator.load(r));

    /// <summary>Restores optimisers, the EMA of G when kept, and torch's RNG; returns the fixed noise.</summary>
    public Tensor RestoreTraining(TorchSharp.Modules.OptimizerHelper optimizerG, TorchSharp.Modules.OptimizerHelper optimizerD, nn.Module? emaGenerator = null)
    {
        if (emaGenerator is not null)
        {
            if (!HasEma) throw new InvalidDataException("the config keeps an EMA of G (tricks.ema) but the checkpoint has none");
            RestoreEma(emaGenerator);
        }
        Load("optimizer_g.bin", optimizerG.load_state_dict);
        Load("optimizer_d.bin", optimizerD.load_state_dict);
        Load("rng.bin", r => { using var s = ReadTensor(r); torch.random.set_rng_state(s); });
        Tensor noise = null!;
        Load("fixed_noise.bin", r => noise = ReadTensor(r));
        return noise;
    }

    void Load(string name, Action<BinaryReader> read)
    {
        if (!entries.TryGetValue(name, out var bytes))
            throw new InvalidDataException($"checkpoint lacks {name}");
        using var reader = new BinaryReader(new MemoryStream(bytes));
        read(reader);
    }

    static void Write(ZipArchive zip, string name, Action<BinaryWriter> write)
    {
        // NoCompression: weights barely compress and Deflate would cost seconds per checkpoint on two cores.
        using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        using var writer = new BinaryWriter(stream);
        write(writer);
    }

    static void WriteTensor(BinaryWriter w, Tensor t)
    {
        using var cpu = t.contiguous();
        w.Write((int)cpu.dtype);
        w.Write(cpu.shape.Length);
        foreach (var d in cpu.shape) w.Write(d);
        var bytes = cpu.bytes;
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    static Tensor ReadTensor(BinaryReader r)
    {
        var dtype = (ScalarType)r.ReadInt32();
        var shape = new long[r.ReadInt32()];
        for (int i = 0; i < shape.Length; i++) shape[i] = r.ReadInt64();
        var bytes = r.ReadBytes(r.ReadInt32());
        var t = torch.empty(shape, dtype);
        t.bytes = bytes;
        return t;
    }

    sealed record ManifestData(int FormatVersion, TrainState State, string? Compute);
}
