using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.Json;
using SharpGan.Compute;
using SharpGan.Config;
using SharpGan.Data;
using SharpGan.Recipes;
using TorchSharp;
using static TorchSharp.torch;

namespace SharpGan.Training;

/// <summary>
/// A whole run at one moment, in one zip file: networks, optimisers, the train state, torch's RNG, the fixed
/// noise and the resolved config. Written to a temp file, flushed to disk and renamed, so a crash never leaves half
/// a checkpoint; the manifest, written last, holds a SHA-256 of every other entry, and reading checks each entry's
/// zip CRC and digest, so a damaged file is refused with the entry named instead of drawing noise.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>2: entry digests in the manifest, which is the last entry. Format 1 (CRC checks only) is still read.</summary>
    public const int FormatVersion = 2;
    const string Manifest = "sharpgan.json";
    const string EmaEntry = "generator_ema.bin";

    public SharpGanConfig Config { get; }
    public TrainState State { get; }
    /// <summary>The layout and precision the run computed in when this was written, and why (weights are fp32 NCHW regardless).</summary>
    public string? Compute { get; }
    /// <summary>That layout and precision as a policy (null in checkpoints older than format 2).</summary>
    public ComputePolicy? Policy { get; }
    /// <summary>The file this was read from.</summary>
    public string Path { get; }
    /// <summary>Set when this checkpoint stands in for a newer one that was missing or damaged: what happened.</summary>
    public string? Notice { get; private init; }
    readonly Dictionary<string, byte[]> entries;

    Checkpoint(string path, SharpGanConfig config, TrainState state, string? compute, ComputePolicy? policy, Dictionary<string, byte[]> entries)
    {
        Path = path; Config = config; State = state; Compute = compute; Policy = policy; this.entries = entries;
    }

    internal Checkpoint WithNotice(string notice) => new(Path, Config, State, Compute, Policy, entries) { Notice = notice };

    /// <summary>
    /// Writes the checkpoint to <paramref name="path"/>. With <paramref name="keepPreviousAs"/>, the checkpoint that was
    /// there moves to that name first, so one intact older checkpoint always exists to fall back to. A write that
    /// fails (disk full, no permission) removes its partial file, leaves the earlier checkpoints as they were and
    /// throws an <see cref="IOException"/> that says so.
    /// </summary>
    public static void Save(string path, SharpGanConfig config, TrainState state, IGanRecipe recipe,
        TorchSharp.Modules.OptimizerHelper optimizerG, TorchSharp.Modules.OptimizerHelper optimizerD, Tensor fixedNoise,
        nn.Module? emaGenerator = null, ComputeChoice? compute = null, string? keepPreviousAs = null)
    {
        var content = new List<(string Name, Action<BinaryWriter> Write)>
        {
            ("config.json", w => w.Write(System.Text.Encoding.UTF8.GetBytes(ConfigLoader.ToJson(config)))),
            ("generator.bin", w => recipe.Generator.save(w)),
            ("discriminator.bin", w => recipe.Discriminator.save(w)),
            ("optimizer_g.bin", optimizerG.save_state_dict),
            ("optimizer_d.bin", optimizerD.save_state_dict),
            ("rng.bin", w => { using var rng = torch.random.get_rng_state(); WriteTensor(w, rng); }),
            ("fixed_noise.bin", w => WriteTensor(w, fixedNoise)),
        };
        if (emaGenerator is not null)
            content.Add((EmaEntry, w => emaGenerator.save(w)));

        var temp = path + ".tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var digests = new Dictionary<string, string>();
                    foreach (var (name, write) in content)
                        digests[name] = WriteEntry(zip, name, write);
                    var manifest = new ManifestData(FormatVersion, state, compute?.ToString(), compute?.Policy, digests);
                    WriteEntry(zip, Manifest, w => w.Write(JsonSerializer.SerializeToUtf8Bytes(manifest, ConfigLoader.Json)));
                }
                file.Flush(flushToDisk: true);   // the rename below must never publish bytes still in the page cache only
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            var kept = File.Exists(path) ? $"'{path}' from before is intact" : "no earlier checkpoint was there";
            throw new IOException($"could not write checkpoint '{path}': {e.Message} ({kept})", e);
        }
        if (keepPreviousAs is not null && File.Exists(path))
            File.Move(path, keepPreviousAs, overwrite: true);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Streams one entry into the zip and returns its SHA-256. Streamed, not buffered: the optimiser states
    /// are tens of MB, and byte arrays that size each checkpoint grew the managed heap's footprint for good.</summary>
    static string WriteEntry(ZipArchive zip, string name, Action<BinaryWriter> write)
    {
        // NoCompression: weights barely compress and Deflate would cost seconds per checkpoint on two cores.
        using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        using var hashing = new HashingStream(entry);
        using (var writer = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true))
            write(writer);
        return hashing.Sha256();
    }

    /// <summary>
    /// Reads and verifies a checkpoint: every entry's zip CRC and, from format 2 on, its SHA-256 in the manifest.
    /// A damaged file throws <see cref="DamagedCheckpointException"/> (an <see cref="IOException"/>) naming the entry; a file of another format, an
    /// <see cref="InvalidDataException"/> that says which.
    /// </summary>
    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        if (InputFile.Problem(path) is { } problem)   // a FIFO would block the read for ever
            throw new InvalidDataException($"'{path}' is not a SharpGan checkpoint: {problem}");
        var entries = new Dictionary<string, byte[]>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                var bytes = m.ToArray();
                if (Crc32.HashToUInt32(bytes) != entry.Crc32)
                    throw new DamagedCheckpointException(path, $"entry {entry.FullName} fails its CRC check");
                entries[entry.FullName] = bytes;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException and not DamagedCheckpointException)
        {
            // A file by another name than a checkpoint's is most likely another kind of file given by mistake.
            bool zip = StartsAsZip(path);
            if (!zip && !path.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"'{path}' is not a SharpGan checkpoint (a .ckpt file: a zip, which this is not)", e);
            throw new DamagedCheckpointException(path, zip
                ? "not a readable zip (cut short, or its directory overwritten)"
                : "not a zip file at all, as every checkpoint is (another kind of file, or overwritten from its start)", e);
        }
        if (!entries.TryGetValue(Manifest, out var manifestBytes))
        {
            // A zip with none of a checkpoint's entries is another kind of zip (a domain backbone's .sgb), not a damaged checkpoint.
            if (!entries.ContainsKey("config.json") && !entries.ContainsKey("generator.bin"))
                throw new InvalidDataException($"'{path}' is not a SharpGan checkpoint: " + (entries.Count == 0 ? "an empty zip"
                    : $"a zip of {string.Join(", ", entries.Keys.Order(StringComparer.Ordinal).Take(3))}{(entries.Count > 3 ? ", …" : "")}, without a checkpoint's {Manifest}, config.json or generator.bin"));
            throw new DamagedCheckpointException(path, $"no {Manifest} entry");
        }
        ManifestData manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ManifestData>(manifestBytes, ConfigLoader.Json)!;
        }
        catch (JsonException e)
        {
            throw new DamagedCheckpointException(path, $"its {Manifest} does not parse ({Onnx.JsonProblem.Describe(e)})", e);
        }
        if (manifest.FormatVersion is < 1 or > FormatVersion)
            throw new InvalidDataException($"'{path}' has checkpoint format {manifest.FormatVersion}; this SharpGan reads formats 1 to {FormatVersion}");
        foreach (var (name, digest) in manifest.Sha256 ?? [])
        {
            if (!entries.TryGetValue(name, out var bytes))
                throw new DamagedCheckpointException(path, $"entry {name} is missing");
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest, StringComparison.Ordinal))
                throw new DamagedCheckpointException(path, $"entry {name} does not match its SHA-256 in the manifest");
        }
        if (!entries.TryGetValue("config.json", out var configBytes))
            throw new DamagedCheckpointException(path, "entry config.json is missing");
        var config = ConfigLoader.FromJson(System.Text.Encoding.UTF8.GetString(configBytes));
        return new Checkpoint(path, config, manifest.State, manifest.Compute, manifest.Policy, entries);
    }

    /// <summary>Every entry with its size and SHA-256, in name order: two checkpoints with the same digests hold the same bits.</summary>
    public IReadOnlyList<(string Name, long Bytes, string Sha256)> Entries =>
        [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (long)e.Value.Length, Convert.ToHexStringLower(SHA256.HashData(e.Value))))];

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
        return FixedNoise();
    }

    /// <summary>G's input for the epoch grids, whatever the kind: noise (with the class code or the mask packed in),
    /// or a pix2pix run's held-out pictures.</summary>
    public Tensor FixedNoise()
    {
        Tensor noise = null!;
        Load("fixed_noise.bin", r => noise = ReadTensor(r));
        return noise;
    }

    void Load(string name, Action<BinaryReader> read)
    {
        if (!entries.TryGetValue(name, out var bytes))
            throw new InvalidDataException($"checkpoint '{Path}' lacks {name}");
        using var reader = new BinaryReader(new MemoryStream(bytes));
        read(reader);
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

    /// <summary>Passes writes through to a stream and hashes them on the way.</summary>
    sealed class HashingStream(Stream inner) : Stream
    {
        readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string Sha256() => Convert.ToHexStringLower(hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) hash.Dispose();
            base.Dispose(disposing);
        }
    }

    sealed record ManifestData(int FormatVersion, TrainState State, string? Compute, ComputePolicy? Policy = null,
        Dictionary<string, string>? Sha256 = null);

    /// <summary>Whether the file begins as a zip does ("PK\x03\x04"), telling a damaged checkpoint from another file.</summary>
    static bool StartsAsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;   // unreadable now: say no more than that it did not read as a zip
        }
    }
}

/// <summary>A checkpoint file whose bytes are not what was written: the file and the entry or structure that failed.</summary>
public sealed class DamagedCheckpointException(string path, string problem, Exception? inner = null)
    : IOException($"checkpoint '{path}' is damaged: {problem}", inner)
{
    public string CheckpointPath { get; } = path;
    public string Problem { get; } = problem;
}
