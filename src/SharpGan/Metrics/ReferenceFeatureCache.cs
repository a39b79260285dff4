using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SharpGan.Config;
using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Metrics;

/// <summary>
/// A real set's features under a backbone, kept on disk between evaluations: runs compared against one reference
/// pay for its features once (under the Inception trunk at 299 px they are half of each evaluation's time).
/// One file per folder, image size and backbone, named by a hash of them, so a changed folder replaces its file
/// rather than leaving the old one behind. The file holds a key of everything the features depend on — the loaded
/// files' paths, lengths and last-write times with the decoding options, the backbone's name, input size, resize
/// filter and the files its weights come from, and TorchSharp's version — and a SHA-256 of its contents; a file
/// whose key differs, or that fails a check, is computed again and replaced, and the note says why.
/// </summary>
public sealed class ReferenceFeatureCache(string directory)
{
    // magic 8 | key 32 | count 8 | feature dimension 8 | classes 8 (0: no probabilities), then float32 features, then
    // float32 probabilities, then a SHA-256 of everything before it
    static readonly byte[] Magic = "SGFEAT01"u8.ToArray();
    const int KeyAt = 8, CountAt = 40, HeaderLength = 64, DigestLength = 32;

    public string Directory { get; } = directory;

    /// <summary><c>$XDG_CACHE_HOME/sharpgan/features</c> (<c>~/.cache/sharpgan/features</c>), or <c>$SHARPGAN_FEATURE_CACHE</c>.</summary>
    public static ReferenceFeatureCache Default => new(UserCache.Folder("features", "SHARPGAN_FEATURE_CACHE"));

    /// <summary>The features of <paramref name="images"/> (loaded from <paramref name="data"/>) under
    /// <paramref name="backbone"/>, opened from <paramref name="backboneSource"/> (a file or a known name): reused
    /// when cached with the same key, else extracted and cached. A cache that cannot be written costs only the reuse.</summary>
    /// <returns>The features, and a line that says whether they were reused or computed, where, and why.</returns>
    public (FeatureSet Features, string Note) Features(IFeatureBackbone backbone, string backboneSource, DataConfig data, ImageSet images)
    {
        var path = Path.Combine(Directory, $"{Sha256(Path.GetFullPath(data.Path), images.Size, backbone.Name, backboneSource)[..16]}.sgfeat");
        var key = Convert.FromHexString(Sha256(Convert.ToHexStringLower(DecodedCache.Fingerprint(data, images.Size, images.Paths)),
            backbone.Name, backbone.InputSize, backbone.ResizeFilter, $"TorchSharp {typeof(Tensor).Assembly.GetName().Version}",
            Backbones.Identity(backboneSource)));
        var (cached, why) = Read(path, key);
        if (cached is not null) return (cached, $"real features: reused {path}");
        var computed = FeatureExtractor.Extract(backbone, ImageSetBatches.Of(images));
        try
        {
            Write(path, key, computed);
            return (computed, $"real features: computed ({why}), cached in {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (computed, $"real features: computed ({why}); not cached, {path}: {e.Message}");
        }
    }

    static string Sha256(params object[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(" | ", parts))));

    /// <returns>The cached set, or null and why it cannot be used.</returns>
    static (FeatureSet? Set, string Why) Read(string path, byte[] key)
    {
        if (!File.Exists(path)) return (null, "none cached yet");
        try
        {
            using var file = File.OpenRead(path);
            var header = new byte[HeaderLength];
            if (file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                return (null, "the cached file is not a feature cache of this version");
            if (!header.AsSpan(KeyAt, 32).SequenceEqual(key))
                return (null, "the folder, its decoding or the backbone changed since it was cached");
            long count = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(CountAt));
            long dimension = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(CountAt + 8));
            long classes = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(CountAt + 16));
            if (count <= 0 || dimension <= 0 || classes < 0 || count * (dimension + classes) > Array.MaxLength
                || file.Length != HeaderLength + 4 * count * (dimension + classes) + DigestLength)
                return (null, "the cached file is damaged: its length does not match its header");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(header);
            var features = ReadFloats(file, hash, count * dimension);
            var probabilities = classes > 0 ? ReadFloats(file, hash, count * classes) : null;
            var digest = new byte[DigestLength];
            file.ReadExactly(digest);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(digest))
                return (null, "the cached file is damaged: its checksum does not match");
            return (new FeatureSet(Float64(features, count, dimension), probabilities is null ? null : Float64(probabilities, count, classes)), "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the cached file could not be read: {e.Message}");
        }
    }

    static float[] ReadFloats(Stream file, IncrementalHash hash, long count)
    {
        var values = new float[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());   // the host's order, little-endian on every platform .NET runs torch on
        file.ReadExactly(bytes);
        hash.AppendData(bytes);
        return values;
    }

    static Tensor Float64(float[] values, long rows, long columns)
    {
        using var raw = tensor(values, [rows, columns]);
        return raw.to_type(ScalarType.Float64);
    }

    /// <summary>Under a temporary name, renamed into place: a reader sees a whole file or none. Features are stored as
    /// float32, which holds them exactly: every backbone computes in fp32 (<see cref="IFeatureBackbone.Forward"/>).</summary>
    static void Write(string path, byte[] key, FeatureSet set)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var header = new byte[HeaderLength];
                Magic.CopyTo(header, 0);
                key.CopyTo(header, KeyAt);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(CountAt), set.Count);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(CountAt + 8), set.Features.shape[1]);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(CountAt + 16), set.Probabilities?.shape[1] ?? 0);
                Append(file, hash, header);
                AppendFloats(file, hash, set.Features);
                if (set.Probabilities is { } probabilities) AppendFloats(file, hash, probabilities);
                file.Write(hash.GetHashAndReset());
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    static void Append(Stream file, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        file.Write(bytes);
    }

    static void AppendFloats(Stream file, IncrementalHash hash, Tensor values)
    {
        using var scope = NewDisposeScope();
        var floats = values.to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        Append(file, hash, MemoryMarshal.AsBytes(floats.AsSpan()));
    }
}
